import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE, UsageError } from './options';

describe('parseCliArgs', () => {
  it('takes every declared setting, e.g. a boolean and a number', () => {
    const o = parseCliArgs(['--per-channel', 'false', '--percentile=99.9', '--qat-learning-rate', '0.001']);
    expect(o.recipe).toMatchObject({ perChannel: false, percentile: 99.9 });
    expect(o.qat.learningRate).toBe(0.001);
  });

  it('lists every declared setting in the usage text', () => {
    for (const flag of ['--batch-size', '--calibration-method', '--dynamic-min-elements', '--qat-epochs', '--modes'])
      expect(USAGE).toContain(flag);
  });

  it('reads --target and the --c-source switch', () => {
    expect(parseCliArgs(['--target', 'm0-32k', '--c-source'])).toMatchObject({ target: 'm0-32k', cSource: true });
    expect(parseCliArgs(['--target=custom:96:512'])).toMatchObject({ target: 'custom:96:512', cSource: false });
    expect(parseCliArgs([]).target).toBeUndefined();
    expect(USAGE).toContain('--c-source');
  });

  it('reads --calibration-images and --input-range (default 0-1)', () => {
    expect(parseCliArgs(['--calibration-images', 'imgs', '--input-range', '-1-1'])).toMatchObject({
      calibrationImages: 'imgs',
      inputRange: '-1-1',
    });
    expect(parseCliArgs([]).inputRange).toBe('0-1');
    expect(USAGE).toContain('--input-range RANGE');
  });

  it('reads --pixels (default auto)', () => {
    expect(parseCliArgs(['--pixels', '0-255']).pixels).toBe('0-255');
    expect(parseCliArgs([]).pixels).toBe('auto');
    expect(USAGE).toContain('--pixels auto|0-1|0-255');
  });

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
      recipe: { calibrationSamples: 200, calibrationMethod: 'mse' },
      qat: { epochs: 2 },
      backend: 'cpu',
    });
  });

  it.each([
    [['--epochs'], /needs a value/],
    [['--epochs', 'many'], /--epochs: epochs must be an integer from 1 to 100, got "many"/],
    [['--epochs', '0'], /epochs must be/],
    [['--preset', 'resnet'], /--preset: model must be one of tutorial, deep, separable/],
    [['--modes', 'int3'], /unknown mode/],
    [['--calibration-method', 'kl'], /must be one of/],
    [['--frobnicate', '1'], /unknown option/],
    [['stray'], /unexpected argument/],
    [['--train-limit', '70000'], /training images must be an integer from 1 to 60000/],
    [['--calibration', '0'], /calibration images must be an integer from 1 to 60000/],
    [['--per-channel', 'maybe'], /per-channel conv weights must be true or false/],
    [['--qat-learning-rate', '0'], /QAT learning rate must be a number in \(0, 1\]/i],
    [['--target', 'stm32'], /--target: unknown target "stm32"/],
    [['--target', 'custom:0:1'], /custom:RAM_KB:FLASH_KB/],
    [['--input-range', '0-2'], /--input-range: one of 0-1, -1-1, 0-255, got "0-2"/],
    [['--pixels', '0-100'], /--pixels: one of auto, 0-1, 0-255, got "0-100"/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('pruning and clustering options', () => {
  it('reads the issue options into the compression settings, and the sweep levels', () => {
    const o = parseCliArgs([
      '--prune-sparsity',
      '0.8',
      '--prune-epochs',
      '3',
      '--prune-schedule',
      'constant',
      '--clusters',
      '16',
      '--prune-sweep',
      '0,0.5,0.95',
    ]);
    expect(o.compress).toMatchObject({ pruneSparsity: 0.8, pruneEpochs: 3, pruneSchedule: 'constant', clusters: 16 });
    expect(o.sweep).toEqual([0, 0.5, 0.95]);
    expect(parseCliArgs([]).compress).toMatchObject({ pruneSparsity: 0, clusters: 0 });
    expect(USAGE).toContain('--prune-sparsity');
  });

  it.each([
    [['--prune-sparsity', '1.2'], /--prune-sparsity: target sparsity must be a number in \[0, 0.99\], got "1.2"/],
    [['--prune-schedule', 'cubic'], /--prune-schedule: pruning schedule must be one of polynomial, constant/],
    [['--clusters', '1'], /clusters must be an integer from 2 to 256 \(got 1\)/],
    [['--prune-sweep', '0.5,1'], /--prune-sweep: sparsities must be at least 0 and below 1, got "0.5,1"/],
  ])('refuses %j with a sentence', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
