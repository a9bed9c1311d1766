import { describe, expect, it } from 'vitest';
import type { LayerSpec, ModelArchitecture } from '../model/architecture';
import type { ImportedModel } from './keras-to-model';
import type { MnistSplit } from '../mnist/dataset';
import { importedTrainedModel } from './imported-model';
import { foldRawPixels, rawPixelFoldLayer } from './raw-pixels';

const arch = (layers: LayerSpec[]): ModelArchitecture => ({
  id: 'imported',
  name: 'x',
  inputShape: [28, 28, 1],
  layers,
});
const conv = (name: string, inputs?: string[]): LayerSpec => ({
  type: 'conv2d',
  name,
  filters: 2,
  kernel: 3,
  strides: 1,
  padding: 'same',
  activation: 'relu',
  ...(inputs && { inputs }),
});
const dense: LayerSpec = { type: 'dense', name: 'dense', units: 10, activation: 'softmax' };

describe('rawPixelFoldLayer', () => {
  it('finds the first weighted layer through flatten, reshape, pooling and zero padding', () => {
    expect(rawPixelFoldLayer(arch([conv('c'), { type: 'flatten', name: 'f' }, dense]))).toEqual({ index: 0 });
    expect(
      rawPixelFoldLayer(
        arch([
          { type: 'zeroPadding2d', name: 'p', padding: [1, 1, 1, 1] },
          { type: 'maxPool2d', name: 'm', pool: 2, strides: 2 },
          { type: 'flatten', name: 'f' },
          dense,
        ]),
      ),
    ).toEqual({ index: 3 });
  });

  it('refuses a path through a layer a scale does not pass (an activation) and an input read twice', () => {
    expect(
      rawPixelFoldLayer(arch([{ type: 'activation', name: 'a', activation: 'sigmoid' }, conv('c'), dense])),
    ).toEqual({ stop: 'activation' });
    // Stopped on the way, not at the first layer: the sentence names where.
    expect(
      rawPixelFoldLayer(
        arch([{ type: 'flatten', name: 'f' }, { type: 'activation', name: 'a', activation: 'tanh' }, dense]),
      ),
    ).toEqual({ stop: 'activation' });
    const branches = arch([
      conv('left', ['input']),
      conv('right', ['input']),
      { type: 'add', name: 'sum', activation: 'linear', inputs: ['left', 'right'] },
      { type: 'flatten', name: 'f', inputs: ['sum'] },
      { ...dense, inputs: ['f'] },
    ]);
    expect(rawPixelFoldLayer(branches)).toEqual({ stop: 'input' });
  });
});

describe('foldRawPixels', () => {
  it('multiplies the first kernel by 255, leaves its bias and every later weight, and marks the source', () => {
    const imported: ImportedModel = {
      architecture: arch([conv('c'), { type: 'flatten', name: 'f' }, dense]),
      weights: [
        { name: 'c/kernel', shape: [1], values: Float32Array.from([0.5, -2]) },
        { name: 'c/bias', shape: [1], values: Float32Array.from([0.25]) },
        { name: 'dense/kernel', shape: [1], values: Float32Array.from([3]) },
      ],
      source: { kind: 'keras-h5', file: 'm.h5' },
      notes: [],
    };
    const folded = foldRawPixels(imported);
    if ('stop' in folded) throw new Error(`not folded: ${folded.stop}`);
    expect(folded.model.weights.map((w) => [...w.values])).toEqual([[127.5, -510], [0.25], [3]]);
    expect(folded.model.source).toEqual({ kind: 'keras-h5', file: 'm.h5', input_range: '0-255' });
    // The original is untouched.
    expect([...imported.weights[0]!.values]).toEqual([0.5, -2]);
  });
});

describe('raw pixels chosen by the user', () => {
  it('a model the scale cannot be folded into is refused with a sentence naming its first layer', async () => {
    const imported: ImportedModel = {
      architecture: arch([{ type: 'activation', name: 'a', activation: 'sigmoid' }, conv('c'), dense]),
      weights: [],
      source: { kind: 'keras-h5', file: 'm.h5' },
      notes: [],
    };
    await expect(importedTrainedModel(imported, {} as MnistSplit, 'cpu', '0-255')).rejects.toThrow(
      /^Raw \[0, 255\] pixels can be read only .* this one's path stops at activation\. Choose \[0, 1\] or automatic\.$/,
    );
  });
});
