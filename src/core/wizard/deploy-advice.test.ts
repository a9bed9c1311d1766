import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { checkDeployment } from '../deploy/deploy-check';
import { parseTarget } from '../deploy/targets';
import { labFiles } from '../deploy/testing/lab-files';
import { imagesToFloat } from '../mnist/dataset';
import { checkDeployAdvice } from './deploy-advice';

const files = labFiles(imagesToFloat(loadMnistFromIdx().train, 0, 20));
const bytes = (mode: string) => files.find((f) => f.preset === 'tutorial' && f.mode === mode)!.bytes;

describe('checkDeployAdvice', () => {
  it('says the recommended int8-io file fits a Nano 33 BLE, with the margin', () => {
    const [f] = checkDeployAdvice(
      { hardware: 'mcu' },
      'int8-io',
      checkDeployment(bytes('int8-io'), parseTarget('nano33ble')),
    );
    expect(f).toMatchObject({ severity: 'ok', code: 'deploy-fits' });
    expect(f!.text).toMatch(/^int8-io fits the Arduino Nano 33 BLE Sense .* leaving \d+\.\d KB of RAM\.$/);
  });

  it('warns when the file does not fit the chosen board', () => {
    const tiny = parseTarget('custom:8:64');
    const [f] = checkDeployAdvice({ hardware: 'mcu' }, 'int8-io', checkDeployment(bytes('int8-io'), tiny));
    expect(f).toMatchObject({ severity: 'warn', code: 'deploy-no-fit' });
    expect(f!.text).toMatch(/has 8 KB/);
  });

  it('names the ops the Edge TPU leaves on the CPU', () => {
    const target = parseTarget('nano33ble');
    const [ok] = checkDeployAdvice({ hardware: 'edgetpu' }, 'int8', checkDeployment(bytes('int8'), target));
    expect(ok!.text).toMatch(/QUANTIZE, DEQUANTIZE stay on the CPU/);
    const [bad] = checkDeployAdvice({ hardware: 'edgetpu' }, 'float16', checkDeployment(bytes('float16'), target));
    expect(bad).toMatchObject({ code: 'edgetpu-fallback' });
  });

  it('says nothing for CPU and GPU answers', () => {
    const c = checkDeployment(bytes('int8'), parseTarget('pico'));
    expect(checkDeployAdvice({ hardware: 'cpu' }, 'int8', c)).toEqual([]);
  });
});
