import { describe, expect, it } from 'vitest';
import { inspectTflite } from './inspect-tflite';
import { describeModel, type ModelKind } from './model-kind';
import { pinDynamicBatch, pinnedFileName } from './pin-batch';
import { planRun } from './run-plan';
import {
  castUint8Classifier,
  detectorLikeModel,
  dynamicBatchClassifier,
  edgeTpuLikeModel,
  uint8QuantizedClassifier,
  type LinearClassifier,
} from './testing/converter-fixtures';
import { smallInt8Graph, tutorialFloatGraph } from './testing/graph-fixtures';
import { writeTflite, writeTfliteModel } from './write-tflite';

const zeros: LinearClassifier = { weights: new Float32Array(7840), bias: new Float32Array(10) };
const files = {
  cast: writeTfliteModel(castUint8Classifier(zeros)),
  dynamic: writeTfliteModel(dynamicBatchClassifier(zeros)),
  uint8: writeTfliteModel(
    uint8QuantizedClassifier({ weights: new Float32Array(7840).fill(0.5), bias: zeros.bias }, [-50, 50]),
  ),
  edgetpu: writeTfliteModel(edgeTpuLikeModel(3000)),
  detector: writeTfliteModel(detectorLikeModel()),
  tutorial: writeTflite(tutorialFloatGraph()),
};
const kindOf = (bytes: Uint8Array, range?: '0-1' | '0-255'): ModelKind =>
  describeModel(inspectTflite(bytes), { bytes, range });

describe('describeModel decides the kind and the feed from the file', () => {
  it.each([
    ['tutorial', 'classifier', /^float32 \[1, 28, 28, 1\] in \[0, 1\]/],
    ['cast', 'classifier', /^uint8 \[1, 28, 28\] raw pixels 0\.\.255, no quantization parameters/],
    ['dynamic', 'classifier', /^float32 \[1, 28, 28, 1\] in \[0, 1\]/],
    ['uint8', 'classifier', /^uint8 \[1, 28, 28, 1\] quantized \(scale 0.003922, zero point 0\), reals in \[0, 1\]/],
  ] as const)('%s is a %s fed as %s', (name, kind, feed) => {
    const k = kindOf(files[name]);
    expect(k.kind).toBe(kind);
    if (k.kind === 'classifier') expect(k.feed.label).toMatch(feed);
  });

  it('says when the float range is a guess, and lets the user switch it', () => {
    const guessed = kindOf(files.tutorial);
    const chosen = kindOf(files.tutorial, '0-255');
    if (guessed.kind !== 'classifier' || chosen.kind !== 'classifier') throw new Error('not a classifier');
    expect(guessed.feed).toMatchObject({ range: '0-1', guessed: true });
    expect(chosen.feed).toMatchObject({ range: '0-255', guessed: false, reason: 'the range you chose' });
  });

  it('names the outputs: softmax scores or quantized scores', () => {
    const tutorial = kindOf(files.tutorial);
    const uint8 = kindOf(files.uint8);
    expect(tutorial.kind === 'classifier' && tutorial.outputLabel).toBe('10 softmax scores (float32)');
    expect(uint8.kind === 'classifier' && uint8.outputLabel).toMatch(/^10 quantized scores \(uint8, scale/);
  });

  it('recognises an Edge TPU file and says what its op holds', () => {
    const k = kindOf(files.edgetpu);
    expect(k.kind).toBe('edgetpu');
    if (k.kind === 'classifier') return;
    expect(k.details.join(' ')).toMatch(
      /1 of 1 operator\(s\) are edgetpu-custom-op; its custom options \(3,000 bytes\)/,
    );
    expect(k.details.join(' ')).toMatch(/Coral Edge TPU and its delegate/);
  });

  it('explains a 4-input / 4-output detector instead of running it', () => {
    const k = kindOf(files.detector);
    expect(k.kind).toBe('multi-io');
    if (k.kind === 'classifier') return;
    expect(k.title).toMatch(/detector-like/);
    expect(k.details[0]).toMatch(/^4 inputs: .*; 4 outputs: float32 \[1, 10, 4\]/);
  });

  it('shows the converter ops with their options by schema names', () => {
    const ops = inspectTflite(files.detector).subgraphs[0]!.ops;
    const byName = (n: string) => ops.find((o) => o.opName === n)!;
    expect(byName('ADD')).toMatchObject({
      optionsType: 'AddOptions',
      options: { fused_activation_function: 'RELU6', pot_scale_int16: true },
    });
    expect(byName('CONCATENATION').options).toEqual({ axis: 1, fused_activation_function: 'NONE' });
    expect(byName('STRIDED_SLICE').options).toMatchObject({ begin_mask: 1, shrink_axis_mask: 0, offset: false });
    expect(byName('SQUEEZE').options).toEqual({ squeeze_dims: [0] });
    expect(byName('MEAN').options).toEqual({ keep_dims: false });
    expect(byName('HARD_SWISH')).toMatchObject({ optionsType: 'HardSwishOptions', options: {} });
    const cast = inspectTflite(files.cast).subgraphs[0]!.ops[0]!;
    expect(cast).toMatchObject({ opName: 'CAST', options: { in_data_type: 'UINT8', out_data_type: 'FLOAT32' } });
  });

  it('keeps converter habits out of the warnings', () => {
    for (const bytes of Object.values(files)) expect(inspectTflite(bytes).warnings).toEqual([]);
    expect(inspectTflite(files.cast).remarks.join(' ')).toMatch(/CONVERSION_METADATA \(12 bytes\)/);
  });
});

describe('pinDynamicBatch', () => {
  it('sets every -1 batch of shape_signature to 1 in a copy, changing nothing else', () => {
    const original = files.dynamic.slice();
    const pinned = pinDynamicBatch(files.dynamic);
    expect(files.dynamic).toEqual(original);
    expect(pinned.pinnedTensors).toBe(5);
    expect(pinned.otherDynamicTensors).toBe(0);
    expect(pinned.bytes.length).toBe(files.dynamic.length);
    const before = inspectTflite(files.dynamic).subgraphs[0]!.tensors;
    const after = inspectTflite(pinned.bytes).subgraphs[0]!.tensors;
    after.forEach((t, i) => {
      const sig = before[i]!.shapeSignature;
      expect(t.shapeSignature).toEqual(sig ? [sig[0] === -1 ? 1 : sig[0], ...sig.slice(1)] : undefined);
      expect({ ...t, shapeSignature: undefined }).toEqual({ ...before[i]!, shapeSignature: undefined });
    });
    let differing = 0;
    for (let i = 0; i < original.length; i++) if (original[i] !== pinned.bytes[i]) differing++;
    expect(differing).toBe(5 * 4); // -1 -> 1 flips all four bytes of each int32
    expect(pinDynamicBatch(pinned.bytes)).toMatchObject({ pinnedTensors: 0, bytes: pinned.bytes });
  });

  it('leaves static files alone and names the copy', () => {
    const tutorial = pinDynamicBatch(files.tutorial);
    expect(tutorial.pinnedTensors).toBe(0);
    expect(tutorial.bytes).toBe(files.tutorial);
    expect(pinnedFileName('model.tflite')).toBe('model.batch1.tflite');
    expect(pinnedFileName('weights')).toBe('weights.batch1.tflite');
  });

  it('is part of the run plan for dynamic files only', () => {
    const dynamic = planRun(files.dynamic, inspectTflite(files.dynamic));
    const cast = planRun(files.cast, inspectTflite(files.cast));
    const edge = planRun(files.edgetpu, inspectTflite(files.edgetpu));
    expect(dynamic.runs && dynamic.pinnedTensors).toBe(5);
    expect(dynamic.runs && dynamic.pinnedNote).toMatch(/pinned to 1 on 5 tensor\(s\)/);
    expect(cast.runs && cast.bytes).toBe(files.cast);
    expect(edge.runs).toBe(false);
  });
});

describe('the lab files keep their kind', () => {
  it('a small int8 graph is not an MNIST classifier, with a reason', () => {
    const k = kindOf(writeTflite(smallInt8Graph()));
    expect(k.kind).toBe('other');
    if (k.kind !== 'classifier') expect(k.title).toMatch(/not 784 values/);
  });
});
