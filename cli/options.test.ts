import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './options';

describe('parseCliArgs', () => {
  it('defaults', () => {
    const o = parseCliArgs([]);
    expect(o.train.epochs).toBe(1);
    expect(o.out).toBe('out');
    expect(o.modes).toEqual(['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8']);
  });

  it('reads every option, in both --flag value and --flag=value forms', () => {
    const o = parseCliArgs([
      '--epochs',
      '2',
      '--batch-size=64',
      '--train-limit',
      '1000',
      '--seed',
      '7',
      '--preset',
      'deep',
      '--out',
      'x',
      '--modes',
      'int8,qat',
      '--calibration',
      '200',
      '--calibration-method',
      'mse',
      '--qat-epochs',
      '2',
      '--backend',
      'cpu',
    ]);
    expect(o.train).toMatchObject({ epochs: 2, batchSize: 64, trainLimit: 1000, seed: 7, preset: 'deep' });
    expect(o).toMatchObject({
      out: 'x',
      modes: ['int8', 'qat'],
      calibration: 200,
      calibrationMethod: 'mse',
      qatEpochs: 2,
      backend: 'cpu',
    });
  });

  it('reads --target and --c-source', () => {
    expect(parseCliArgs(['--target', 'm0-32k', '--c-source'])).toMatchObject({ target: 'm0-32k', cSource: true });
    expect(parseCliArgs(['--target=custom:96:512'])).toMatchObject({ target: 'custom:96:512', cSource: false });
    expect(parseCliArgs([]).target).toBeUndefined();
  });

  it.each([
    [['--epochs'], /needs a value/],
    [['--epochs', 'many'], /needs a number/],
    [['--epochs', '0'], /epochs must be/],
    [['--preset', 'resnet'], /--preset must be one of/],
    [['--modes', 'int4'], /unknown mode/],
    [['--calibration-method', 'kl'], /must be one of/],
    [['--frobnicate', '1'], /unknown option/],
    [['stray'], /unexpected argument/],
    [['--train-limit', '70000'], /training-subset size/],
    [['--target', 'stm32'], /--target: unknown target "stm32"/],
    [['--target', 'custom:0:1'], /custom:RAM_KB:FLASH_KB/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
