import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { imagesToFloat } from '../mnist/dataset';
import { inspectTflite } from '../tflite/read-tflite';
import { SMALL_GRAPHS, tutorialFloatGraph } from '../tflite/testing/graph-fixtures';
import { writeTflite } from '../tflite/write-tflite';
import { labFiles } from './testing/lab-files';
import { checkTflm } from './tflm-compat';

const files = labFiles(imagesToFloat(loadMnistFromIdx().train, 0, 20));

describe('TFLite Micro compatibility of every preset x mode the lab writes', () => {
  it.each(files.map((f) => [f.preset, f.mode, f] as const))('%s %s', (_preset, mode, file) => {
    const result = checkTflm(inspectTflite(file.bytes));
    if (mode === 'dynamic' || mode === 'dynamic-int4') {
      const weights = mode === 'dynamic' ? 'INT8' : 'INT4';
      expect(result.compatible).toBe(false);
      expect(result.reasons.join(' ')).toMatch(
        new RegExp(`FULLY_CONNECTED with FLOAT32 input and ${weights} weights is a hybrid`),
      );
    } else if (mode === 'float16') {
      expect(result.compatible).toBe(false);
      expect(result.reasons[0]).toMatch(/^DEQUANTIZE from FLOAT16 is not in TFLite Micro/);
    } else {
      expect(result.reasons).toEqual([]);
      expect(result.compatible).toBe(true);
    }
    expect(result.resolverMethods.length).toBe(result.opNames.length);
  });
});

describe('checkTflm on hand-built graphs', () => {
  it('lists each op once, in first-use order, with its resolver method', () => {
    const r = checkTflm(inspectTflite(writeTflite(SMALL_GRAPHS.int8!())));
    expect(r.opNames).toEqual([
      'QUANTIZE',
      'CONV_2D',
      'MAX_POOL_2D',
      'RESHAPE',
      'FULLY_CONNECTED',
      'SOFTMAX',
      'DEQUANTIZE',
    ]);
    expect(r.resolverMethods).toEqual([
      'AddQuantize',
      'AddConv2D',
      'AddMaxPool2D',
      'AddReshape',
      'AddFullyConnected',
      'AddSoftmax',
      'AddDequantize',
    ]);
  });

  it('accepts 16x8 (int16 activations, int8 weights, int64 bias) on depthwise, pooling, FC and softmax', () => {
    expect(checkTflm(inspectTflite(writeTflite(SMALL_GRAPHS.x16x8!()))).reasons).toEqual([]);
  });

  it('names a hybrid conv when the dynamic-range conv weights are int8', () => {
    const r = checkTflm(inspectTflite(writeTflite(SMALL_GRAPHS.dynamicRange!())));
    expect(r.reasons[0]).toMatch(/^CONV_2D with FLOAT32 input and INT8 weights is a hybrid .* \[op 0\]$/);
    expect(r.reasons[1]).toMatch(/^FULLY_CONNECTED .* \[op 2\]$/);
  });

  it('groups one float16 reason over the four DEQUANTIZE ops', () => {
    const r = checkTflm(inspectTflite(writeTflite(SMALL_GRAPHS.float16!())));
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatch(/\[ops 0, 1, 2, 3\]$/);
  });

  it('accepts the float32 tutorial graph', () => {
    expect(checkTflm(inspectTflite(writeTflite(tutorialFloatGraph()))).compatible).toBe(true);
  });

  it('names ops TFLite Micro has no kernel for, such as an Edge TPU custom op', () => {
    // An inspected file's info with two ops renamed: what TensorFlow's Edge TPU compiler and an
    // old-style lookup op would put in a file.
    const info = inspectTflite(writeTflite(SMALL_GRAPHS.int8!()));
    const ops = info.subgraphs[0]!.ops;
    ops[0] = { ...ops[0]!, opName: 'CUSTOM:edgetpu-custom-op' };
    ops[3] = { ...ops[3]!, opName: 'HASHTABLE_LOOKUP' };
    const r = checkTflm(info);
    expect(r.compatible).toBe(false);
    expect(r.reasons).toEqual([
      'custom op "edgetpu-custom-op" has no TFLite Micro builtin kernel; it needs your own kernel registered with AddCustom() [op 0]',
      'HASHTABLE_LOOKUP has no TFLite Micro kernel (it is not in micro_mutable_op_resolver.h) [op 3]',
    ]);
    expect(r.resolverMethods).not.toContain(undefined);
  });
});
