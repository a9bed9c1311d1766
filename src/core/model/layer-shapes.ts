/**
 * Shape inference over an architecture, one place for every stage (graph conversion, random weights,
 * parameter counts, import checks). Shapes exclude the batch: [h, w, c] for images, [n] for vectors.
 */

import { ARCH_INPUT, graphLayerName, layerInputs, type LayerSpec, type ModelArchitecture } from './architecture';
import { LayerShapeError } from './shape-problem';

/** Output size of a window op along one axis (Keras/TFLite SAME and VALID). */
export function windowOut(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

function needRank(l: LayerSpec, shape: number[], rank: number, name: string): void {
  if (shape.length !== rank)
    throw new LayerShapeError({ code: 'shape-rank', layer: name, type: l.type, rank, got: shape });
}

/** Output shape of one layer from its input shapes; throws a LayerShapeError when they do not fit. */
export function layerOutputShape(l: LayerSpec, inputs: number[][], name: string): number[] {
  const x = inputs[0];
  switch (l.type) {
    case 'conv2d':
    case 'depthwiseConv2d': {
      needRank(l, x, 3, name);
      const c = l.type === 'conv2d' ? l.filters : x[2] * l.depthMultiplier;
      return [windowOut(x[0], l.kernel, l.strides, l.padding), windowOut(x[1], l.kernel, l.strides, l.padding), c];
    }
    case 'maxPool2d':
    case 'avgPool2d':
      needRank(l, x, 3, name);
      return [windowOut(x[0], l.pool, l.strides, 'valid'), windowOut(x[1], l.pool, l.strides, 'valid'), x[2]];
    case 'flatten':
      return [x.reduce((a, b) => a * b, 1)];
    case 'reshape': {
      const n = x.reduce((a, b) => a * b, 1);
      const m = l.targetShape.reduce((a, b) => a * b, 1);
      if (n !== m) throw new LayerShapeError({ code: 'shape-reshape', layer: name, from: x, to: l.targetShape });
      return [...l.targetShape];
    }
    case 'dense':
      needRank(l, x, 1, name);
      return [l.units];
    case 'add':
    case 'subtract':
    case 'multiply':
      if (inputs.length !== 2 || inputs[1].join(',') !== x.join(','))
        throw new LayerShapeError({ code: 'shape-binary', layer: name, type: l.type, got: inputs });
      return [...x];
    case 'concatenate': {
      const lead = (s: number[]) => s.slice(0, -1).join(',');
      if (inputs.length < 2 || inputs.some((s) => s.length !== x.length || lead(s) !== lead(x)))
        throw new LayerShapeError({ code: 'shape-concat', layer: name, got: inputs });
      return [...x.slice(0, -1), inputs.reduce((n, s) => n + s[s.length - 1], 0)];
    }
    case 'globalAvgPool2d':
      needRank(l, x, 3, name);
      return l.keepDims ? [1, 1, x[2]] : [x[2]];
    case 'zeroPadding2d': {
      needRank(l, x, 3, name);
      const [t, b, left, r] = l.padding;
      return [x[0] + t + b, x[1] + left + r, x[2]];
    }
    case 'activation':
      return [...x];
  }
}

/** Kernel and bias shapes (TF.js layouts) of a weighted layer given its input shape; [] for others. */
export function layerWeightShapes(l: LayerSpec, input: number[]): number[][] {
  if (l.type === 'conv2d') return [[l.kernel, l.kernel, input[2], l.filters], [l.filters]];
  if (l.type === 'depthwiseConv2d')
    return [[l.kernel, l.kernel, input[2], l.depthMultiplier], [input[2] * l.depthMultiplier]];
  if (l.type === 'dense') return [[input[0], l.units], [l.units]];
  return [];
}

export interface ArchitectureShapes {
  /** Output shape of each layer, by graph layer name (and {@link ARCH_INPUT}). */
  byName: Map<string, number[]>;
  /** Input shapes of each layer, in layer order. */
  inputs: number[][][];
  /** Output shape of each layer, in layer order. */
  outputs: number[][];
}

/** Walks the architecture once and returns every layer's input and output shapes. */
export function inferShapes(arch: ModelArchitecture): ArchitectureShapes {
  const byName = new Map<string, number[]>([[ARCH_INPUT, [...arch.inputShape]]]);
  const inputs: number[][][] = [];
  const outputs: number[][] = [];
  arch.layers.forEach((l, i) => {
    const name = graphLayerName(l, i);
    const ins = layerInputs(arch, i).map((n) => {
      const s = byName.get(n);
      if (!s) throw new LayerShapeError({ code: 'shape-reads', layer: name, input: n });
      return s;
    });
    const out = layerOutputShape(l, ins, name);
    byName.set(name, out);
    inputs.push(ins);
    outputs.push(out);
  });
  return { byName, inputs, outputs };
}

/** Output shape of each layer, trainable parameter count and float32 weight bytes. */
export function describeArchitecture(arch: ModelArchitecture): {
  shapes: number[][];
  params: number;
  float32Bytes: number;
} {
  const { inputs, outputs } = inferShapes(arch);
  let params = 0;
  arch.layers.forEach((l, i) => {
    for (const s of layerWeightShapes(l, inputs[i][0])) params += s.reduce((a, b) => a * b, 1);
  });
  return { shapes: outputs, params, float32Bytes: params * 4 };
}
