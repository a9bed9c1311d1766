import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import { inspectTflite } from '../tflite/read-tflite';
import { checkDeployment } from './deploy-check';
import { toDeployReport } from './deploy-report';
import { parseTarget } from './targets';
import { labFiles } from './testing/lab-files';

const files = labFiles(imagesToFloat(loadMnistFromIdx().train, 0, 20));
const file = (preset: string, mode: string) => files.find((f) => f.preset === preset && f.mode === mode)!.bytes;

describe('checkDeployment', () => {
  it('int8 takes a quarter of float32 arena: every activation is 1 byte instead of 4', () => {
    const target = parseTarget('nano33ble');
    const f32 = checkDeployment(file('tutorial', 'float32'), target);
    const i8 = checkDeployment(file('tutorial', 'int8-io'), target);
    expect(i8.arena.arenaBytes).toBeLessThan(f32.arena.arenaBytes / 3);
    expect(i8.fits).toBe(true);
  });

  it('reports flash as the file size and RAM as arena + overhead', () => {
    const bytes = file('deep', 'int8');
    const c = checkDeployment(bytes, parseTarget('pico'));
    expect(c.fit.flashBytes).toBe(bytes.length);
    expect(c.tensorArenaBytes).toBeGreaterThanOrEqual(c.arena.arenaBytes + c.overheadBytes);
    expect(c.tensorArenaBytes % 16).toBe(0);
  });

  it('says why a float32 file does not fit a 32 KB Cortex-M0+', () => {
    const c = checkDeployment(file('tutorial', 'float32'), parseTarget('m0-32k'));
    expect(c.fits).toBe(false);
    expect(c.fit.ramMarginBytes).toBeLessThan(0);
    expect(c.reasons.join(' ')).toMatch(/of RAM .*Cortex-M0\+ with 32 KB RAM has 32 KB/);
  });

  it('does not fit when TFLite Micro cannot run it, even with room to spare', () => {
    const r = toDeployReport(checkDeployment(inspectTflite(file('tutorial', 'dynamic')), parseTarget('esp32')));
    expect(r).toMatchObject({ target: 'esp32', tflm_compatible: false, fits: false });
    expect(r.ram_margin_bytes).toBeGreaterThan(0);
    expect(r.reasons[0]).toMatch(/hybrid/);
  });
});
