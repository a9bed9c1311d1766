import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import { inspectTflite } from '../tflite/read-tflite';
import { SMALL_GRAPHS } from '../tflite/testing/graph-fixtures';
import { writeTflite } from '../tflite/write-tflite';
import { checkEdgeTpu } from './edgetpu';
import { labFiles } from './testing/lab-files';

const files = labFiles(imagesToFloat(loadMnistFromIdx().train, 0, 20));

describe('Edge TPU readiness of every preset x mode the lab writes', () => {
  it.each(files.map((f) => [f.preset, f.mode, f] as const))('%s %s', (_preset, mode, f) => {
    const info = inspectTflite(f.bytes);
    const r = checkEdgeTpu(info);
    const ops = info.subgraphs[0]!.ops;
    if (mode === 'int8-io') {
      expect(r).toMatchObject({ compatible: true, mappedOps: ops.length, cpuOps: [], reasons: [] });
    } else if (mode === 'int8') {
      // QUANTIZE from float at the start and DEQUANTIZE to float at the end stay on the CPU.
      expect(r.compatible).toBe(true);
      expect(r.cpuOps.map((o) => o.opName)).toEqual(['QUANTIZE', 'DEQUANTIZE']);
      expect(r.mappedOps).toBe(ops.length - 2);
    } else {
      expect(r.compatible).toBe(false);
      expect(r.mappedOps).toBe(0);
      const why = {
        int16x8: /is INT16; the Edge TPU runs only 8-bit/,
        int4: /is INT4; the Edge TPU runs only 8-bit/,
        float16: /^DEQUANTIZE is not in the Edge TPU compiler's supported operations/,
      }[mode as string];
      expect(r.reasons[0]).toMatch(why ?? /is FLOAT32; the Edge TPU runs only 8-bit/);
    }
  });
});

describe('checkEdgeTpu partitions once', () => {
  it('sends the first unmappable op and everything after it to the CPU', () => {
    // dynamicRange: CONV_2D (float activations) first, so nothing maps.
    const r = checkEdgeTpu(inspectTflite(writeTflite(SMALL_GRAPHS.dynamicRange!())));
    expect(r.mappedOps).toBe(0);
    expect(r.cpuOps.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(r.cpuOps[1]!.reason).toMatch(/follows an op the Edge TPU cannot run/);
  });

  it('maps a uint8-input file after its QUANTIZE', () => {
    const r = checkEdgeTpu(inspectTflite(writeTflite(SMALL_GRAPHS.int8Uint8Input!())));
    // uint8 -> int8 QUANTIZE is 8-bit and maps; only the final DEQUANTIZE to float stays on the CPU.
    expect(r.cpuOps.map((o) => o.opName)).toEqual(['DEQUANTIZE']);
    expect(r.compatible).toBe(true);
  });
});
