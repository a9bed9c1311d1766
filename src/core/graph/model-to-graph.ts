/**
 * Converter stage: a trained model (TF.js layouts) -> the float32 graph IR (TFLite layouts), as TF's
 * converter lays it out: fused RELU/RELU6 in CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED, dense+softmax
 * as FULLY_CONNECTED(NONE) + SOFTMAX(beta 1), flatten as RESHAPE [1, H*W*C] (Keras NHWC order kept).
 */

import { PRESETS, INPUT_SHAPE, type LayerActivation } from '../model/presets';
import type { TrainedModel, WeightTensor } from '../model/trained-model';
import { toBytes, type Activation, type Graph, type GraphTensor } from './graph';

export const INPUT_TENSOR_NAME = 'input';
export const OUTPUT_TENSOR_NAME = 'probabilities';

function fusedActivation(a: LayerActivation, layer: string): Activation {
  if (a === 'linear' || a === 'softmax') return 'NONE';
  if (a === 'relu') return 'RELU';
  if (a === 'relu6') return 'RELU6';
  throw new Error(`layer ${layer}: unsupported activation ${String(a)}`);
}

/** HWIO [kh, kw, in, out] -> OHWI [out, kh, kw, in]. */
export function hwioToOhwi(w: Float32Array, kh: number, kw: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * kh + y) * kw + x) * cin + i] = w[((y * kw + x) * cin + i) * cout + o];
  return out;
}

/** Dense [in, out] -> FULLY_CONNECTED [out, in]. */
export function transpose2d(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

/** Builds the float32 graph of a preset from its weights (kernel then bias per weighted layer, in layer order). */
export function modelToGraph(model: Pick<TrainedModel, 'preset' | 'weights'>): Graph {
  const preset = PRESETS[model.preset];
  const tensors: GraphTensor[] = [];
  const add = (t: GraphTensor) => tensors.push(t) - 1;
  let w = 0;
  const nextWeight = (layer: string, shape: number[]): WeightTensor => {
    const t = model.weights[w++];
    if (!t) throw new Error(`layer ${layer}: missing weights (have ${model.weights.length})`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`layer ${layer}: weight ${t.name} has shape [${t.shape}], expected [${shape}]`);
    }
    return t;
  };
  const constant = (name: string, shape: number[], values: Float32Array) =>
    add({ name, shape, dtype: 'float32', data: toBytes(values) });
  let [h, wd, c] = INPUT_SHAPE as unknown as number[];
  let current = add({ name: INPUT_TENSOR_NAME, shape: [1, h, wd, c], dtype: 'float32' });
  const graph: Graph = {
    tensors,
    ops: [],
    inputs: [current],
    outputs: [],
    description: `Quantization Lab ${preset.id} float32`,
    metadata: [],
  };
  const same = (n: number, k: number, s: number, pad: 'same' | 'valid') =>
    pad === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1;

  preset.layers.forEach((l, index) => {
    const name = `${l.type.toLowerCase()}_${index}`;
    const last = index === preset.layers.length - 1;
    const activationOut = (shape: number[]) =>
      add({ name: last ? OUTPUT_TENSOR_NAME : `${name}/out`, shape, dtype: 'float32' });
    switch (l.type) {
      case 'conv2d': {
        const k = nextWeight(name, [l.kernel, l.kernel, c, l.filters]);
        const b = nextWeight(name, [l.filters]);
        const wi = constant(
          `${name}/w`,
          [l.filters, l.kernel, l.kernel, c],
          hwioToOhwi(k.values, l.kernel, l.kernel, c, l.filters),
        );
        const bi = constant(`${name}/b`, [l.filters], b.values);
        h = same(h, l.kernel, l.strides, l.padding);
        wd = same(wd, l.kernel, l.strides, l.padding);
        c = l.filters;
        const out = activationOut([1, h, wd, c]);
        graph.ops.push({
          kind: 'CONV_2D',
          inputs: [current, wi, bi],
          outputs: [out],
          padding: l.padding === 'same' ? 'SAME' : 'VALID',
          strideH: l.strides,
          strideW: l.strides,
          dilationH: 1,
          dilationW: 1,
          activation: fusedActivation(l.activation, name),
        });
        current = out;
        break;
      }
      case 'depthwiseConv2d': {
        const outC = c * l.depthMultiplier;
        const k = nextWeight(name, [l.kernel, l.kernel, c, l.depthMultiplier]);
        const b = nextWeight(name, [outC]);
        // [kh, kw, in, mult] and [1, kh, kw, in * mult] share one memory order (channel = in * mult + m).
        const wi = constant(`${name}/w`, [1, l.kernel, l.kernel, outC], k.values);
        const bi = constant(`${name}/b`, [outC], b.values);
        h = same(h, l.kernel, l.strides, l.padding);
        wd = same(wd, l.kernel, l.strides, l.padding);
        c = outC;
        const out = activationOut([1, h, wd, c]);
        graph.ops.push({
          kind: 'DEPTHWISE_CONV_2D',
          inputs: [current, wi, bi],
          outputs: [out],
          padding: l.padding === 'same' ? 'SAME' : 'VALID',
          strideH: l.strides,
          strideW: l.strides,
          dilationH: 1,
          dilationW: 1,
          depthMultiplier: l.depthMultiplier,
          activation: fusedActivation(l.activation, name),
        });
        current = out;
        break;
      }
      case 'maxPool2d':
      case 'avgPool2d': {
        h = same(h, l.pool, l.strides, 'valid');
        wd = same(wd, l.pool, l.strides, 'valid');
        const out = activationOut([1, h, wd, c]);
        graph.ops.push({
          kind: l.type === 'maxPool2d' ? 'MAX_POOL_2D' : 'AVERAGE_POOL_2D',
          inputs: [current],
          outputs: [out],
          padding: 'VALID',
          strideH: l.strides,
          strideW: l.strides,
          filterH: l.pool,
          filterW: l.pool,
          activation: 'NONE',
        });
        current = out;
        break;
      }
      case 'flatten': {
        c = h * wd * c;
        h = 1;
        wd = 1;
        const out = activationOut([1, c]);
        graph.ops.push({ kind: 'RESHAPE', inputs: [current], outputs: [out], newShape: [1, c] });
        current = out;
        break;
      }
      case 'dense': {
        const k = nextWeight(name, [c, l.units]);
        const b = nextWeight(name, [l.units]);
        const wi = constant(`${name}/w`, [l.units, c], transpose2d(k.values, c, l.units));
        const bi = constant(`${name}/b`, [l.units], b.values);
        const softmax = l.activation === 'softmax';
        const fcOut = softmax
          ? add({ name: `${name}/logits`, shape: [1, l.units], dtype: 'float32' })
          : activationOut([1, l.units]);
        graph.ops.push({
          kind: 'FULLY_CONNECTED',
          inputs: [current, wi, bi],
          outputs: [fcOut],
          activation: fusedActivation(l.activation, name),
          keepNumDims: false,
          asymmetricQuantizeInputs: false,
        });
        current = fcOut;
        c = l.units;
        if (softmax) {
          const out = activationOut([1, l.units]);
          graph.ops.push({ kind: 'SOFTMAX', inputs: [current], outputs: [out], beta: 1 });
          current = out;
        }
        break;
      }
    }
  });
  if (w !== model.weights.length)
    throw new Error(`model has ${model.weights.length} weight tensors, preset ${preset.id} uses ${w}`);
  graph.outputs = [current];
  return graph;
}
