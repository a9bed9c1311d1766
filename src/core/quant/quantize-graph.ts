/**
 * Transform stage: float32 graph + calibration stats + recipe -> the graph of one TFLite post-training
 * mode, laid out as TF's converter does (see TFLITE-NOTES "Graph per mode").
 */

import { float32ArrayToFloat16 } from '../graph/float16';
import {
  constFloat32,
  packInt4,
  shapeSize,
  toBytes,
  type DType,
  type Graph,
  type GraphOp,
  type GraphTensor,
  type QuantParams,
} from '../graph/graph';
import { calibrate, type CalibrationStats } from './calibrate';
import {
  activationParamsInt16,
  activationParamsInt8,
  quantizeBias,
  quantizeWeightsSymmetric,
  symmetricQmax,
} from './quant-params';
import { type QuantRecipe } from './recipe';
import { fixedOutputParams, quantRuleOf } from './op-quant-rules';
import { LAB_MODES, needsCalibration, storesInt4Weights, type QuantMode } from '../modes/lab-modes';
import { adaroundGraph, type AdaRoundLayer, type AdaRoundOptions } from './algorithms/adaround';
import { correctBiases, type BiasCorrection } from './algorithms/bias-correction';
import { equalizeGraph, type EqualizationResult } from './algorithms/cross-layer-equalization';

type WeightedOp = Extract<GraphOp, { kind: 'CONV_2D' | 'DEPTHWISE_CONV_2D' | 'FULLY_CONNECTED' }>;

function isWeighted(op: GraphOp): op is WeightedOp {
  return op.kind === 'CONV_2D' || op.kind === 'DEPTHWISE_CONV_2D' || op.kind === 'FULLY_CONNECTED';
}

function cloneQuant(q: QuantParams | undefined): QuantParams | undefined {
  return (
    q && { ...q, scale: [...q.scale], zeroPoint: [...q.zeroPoint], min: q.min && [...q.min], max: q.max && [...q.max] }
  );
}

function sameQuant(a: QuantParams | undefined, b: QuantParams): boolean {
  return (
    !!a &&
    a.scale.length === b.scale.length &&
    a.scale.every((v, i) => Math.fround(v) === Math.fround(b.scale[i])) &&
    a.zeroPoint.every((z, i) => z === b.zeroPoint[i])
  );
}

function cloneTensor(t: GraphTensor): GraphTensor {
  return { ...t, shape: [...t.shape], data: t.data?.slice(), quant: cloneQuant(t.quant) };
}

function cloneOp(op: GraphOp): GraphOp {
  return { ...op, inputs: [...op.inputs], outputs: [...op.outputs] } as GraphOp;
}

function describe(floatGraph: Graph, mode: QuantMode): string {
  return `${floatGraph.description.replace(/ float32$/, '')} ${mode}`;
}

/** Weight channel dimension for the recipe: CONV_2D 0, DEPTHWISE_CONV_2D 3, FULLY_CONNECTED 0, or per tensor. */
function weightChannelDim(op: WeightedOp, recipe: QuantRecipe): number | undefined {
  if (op.kind === 'CONV_2D') return recipe.perChannel ? 0 : undefined;
  if (op.kind === 'DEPTHWISE_CONV_2D') return recipe.perChannel ? 3 : undefined;
  return recipe.fcPerChannel ? 0 : undefined;
}

/** Bits of the weight grid a recipe gets: recipe.weightBits, at most 4 in the int4 modes. */
export function effectiveWeightBits(recipe: QuantRecipe): number {
  return storesInt4Weights(recipe.mode) ? Math.min(recipe.weightBits, 4) : recipe.weightBits;
}

/**
 * Symmetric weights of recipe.weightBits bits, int8 storage; in the int4 modes at most 4 bits, and conv
 * and dense weights stored as TFLite INT4 (depthwise keeps int8 storage).
 */
function quantizedWeights(op: WeightedOp, t: GraphTensor, recipe: QuantRecipe): GraphTensor {
  const int4 = storesInt4Weights(recipe.mode);
  const bits = effectiveWeightBits(recipe);
  const q = quantizeWeightsSymmetric(constFloat32(t), t.shape, weightChannelDim(op, recipe), bits);
  const packed = int4 && op.kind !== 'DEPTHWISE_CONV_2D';
  const data = packed ? packInt4(q.values) : toBytes(q.values);
  return { name: t.name, shape: [...t.shape], dtype: packed ? 'int4' : 'int8', data, quant: q.quant };
}

function dynamicRange(floatGraph: Graph, recipe: QuantRecipe): Graph {
  const tensors = floatGraph.tensors.map(cloneTensor);
  const ops = floatGraph.ops.map(cloneOp);
  for (const op of ops) {
    if (!isWeighted(op)) continue;
    const w = tensors[op.inputs[1]];
    if (w.dtype !== 'float32' || !w.data || shapeSize(w.shape) < recipe.dynamicMinElements) continue;
    tensors[op.inputs[1]] = quantizedWeights(op, w, recipe);
    if (op.kind === 'FULLY_CONNECTED') op.asymmetricQuantizeInputs = true;
  }
  return {
    ...floatGraph,
    tensors,
    ops,
    description: describe(floatGraph, recipe.mode),
    metadata: [...floatGraph.metadata],
  };
}

/** float16: every float32 constant becomes float16 with one DEQUANTIZE op (placed first) feeding the float ops. */
function float16(floatGraph: Graph): Graph {
  const tensors = floatGraph.tensors.map(cloneTensor);
  const dequantizeOps: GraphOp[] = [];
  const replaced = new Map<number, number>();
  for (const op of floatGraph.ops) {
    for (const i of op.inputs) {
      const t = floatGraph.tensors[i];
      if (i < 0 || replaced.has(i) || !t.data || t.dtype !== 'float32') continue;
      tensors[i] = {
        name: t.name,
        shape: [...t.shape],
        dtype: 'float16',
        data: toBytes(float32ArrayToFloat16(constFloat32(t))),
      };
      const out = tensors.push({ name: `${t.name}/dequantize`, shape: [...t.shape], dtype: 'float32' }) - 1;
      dequantizeOps.push({ kind: 'DEQUANTIZE', inputs: [i], outputs: [out] });
      replaced.set(i, out);
    }
  }
  const ops = floatGraph.ops.map((op) => {
    const c = cloneOp(op);
    c.inputs = c.inputs.map((i) => replaced.get(i) ?? i);
    return c;
  });
  return {
    ...floatGraph,
    tensors,
    ops: [...dequantizeOps, ...ops],
    description: describe(floatGraph, 'float16'),
    metadata: [...floatGraph.metadata],
  };
}

/** Does the recipe keep this op in float (by output tensor name or op index)? */
function keptFloat(recipe: QuantRecipe, graph: Graph, opIndex: number): boolean {
  const keep = recipe.keepFloat;
  if (!keep || keep.length === 0) return false;
  const op = graph.ops[opIndex];
  return keep.includes(String(opIndex)) || op.outputs.some((o) => keep.includes(graph.tensors[o].name));
}

/**
 * Full integer (int8, int8-io) and 16x8. Each float-graph activation may get a quantized and a float
 * version; conversions (QUANTIZE / DEQUANTIZE) are inserted where a consumer needs the other one, which
 * also implements selective quantization (recipe.keepFloat).
 */
function fullInteger(floatGraph: Graph, stats: CalibrationStats, recipe: QuantRecipe): Graph {
  const mode = recipe.mode;
  const act: 'int8' | 'int16' = mode === 'int16x8' ? 'int16' : 'int8';
  const biasType: 'int32' | 'int64' = mode === 'int16x8' ? 'int64' : 'int32';
  const ioQuantized = mode === 'int8-io';
  const tensors: GraphTensor[] = [];
  const ops: GraphOp[] = [];
  const add = (t: GraphTensor) => tensors.push(t) - 1;
  const quantVersion = new Map<number, number>();
  const floatVersion = new Map<number, number>();
  const src = floatGraph.tensors;
  const isIO = (i: number) => floatGraph.inputs.includes(i) || floatGraph.outputs.includes(i);

  const nameFor = (i: number, dtype: DType) => {
    const boundary = ioQuantized ? act : 'float32';
    if (isIO(i)) return dtype === boundary ? src[i].name : `${src[i].name}/${dtype}`;
    return quantVersion.has(i) || floatVersion.has(i) ? `${src[i].name}/${dtype}` : src[i].name;
  };
  const calibratedRange = (i: number): QuantParams => {
    const s = stats.tensors[src[i].name];
    if (!s) throw new Error(`no calibration stats for tensor ${src[i].name}`);
    return act === 'int8'
      ? activationParamsInt8(s.rangeMin, s.rangeMax)
      : activationParamsInt16(s.rangeMin, s.rangeMax);
  };
  // Ops quantized in this mode (not kept in float by the recipe, and with a kernel for the grid).
  const quantizedOp = floatGraph.ops.map((op, k) => {
    const rule = quantRuleOf(op.kind);
    return !keptFloat(recipe, floatGraph, k) && !(rule && act === 'int16' && !rule.int16);
  });
  // CONCATENATION: its inputs and output share the output's calibrated params (which cover every input).
  const shared = new Map<number, QuantParams>();
  floatGraph.ops.forEach((op, k) => {
    if (op.kind !== 'CONCATENATION' || !quantizedOp[k]) return;
    const params = calibratedRange(op.outputs[0]);
    for (const i of [...op.inputs, op.outputs[0]]) shared.set(i, params);
  });
  const calibrated = (i: number): QuantParams => cloneQuant(shared.get(i)) ?? calibratedRange(i);
  const newQuant = (i: number, quant: QuantParams) => {
    const q = add({ name: nameFor(i, act), shape: [...src[i].shape], dtype: act, quant });
    quantVersion.set(i, q);
    return q;
  };
  const newFloat = (i: number) => {
    const f = add({ name: nameFor(i, 'float32'), shape: [...src[i].shape], dtype: 'float32' });
    floatVersion.set(i, f);
    return f;
  };
  const getQuant = (i: number, quant?: QuantParams): number => {
    const have = quantVersion.get(i);
    if (have !== undefined) return have;
    const f = floatVersion.get(i);
    if (f === undefined) throw new Error(`tensor ${src[i].name} has no value`);
    const q = newQuant(i, quant ?? calibrated(i));
    ops.push({ kind: 'QUANTIZE', inputs: [f], outputs: [q] });
    return q;
  };
  const getFloat = (i: number): number => {
    const have = floatVersion.get(i);
    if (have !== undefined) return have;
    const q = quantVersion.get(i);
    if (q === undefined) throw new Error(`tensor ${src[i].name} has no value`);
    const f = newFloat(i);
    ops.push({ kind: 'DEQUANTIZE', inputs: [q], outputs: [f] });
    return f;
  };
  const constant = (i: number) => add(cloneTensor(src[i]));

  for (const i of floatGraph.inputs) {
    if (ioQuantized) newQuant(i, calibrated(i));
    else newFloat(i);
  }
  /** The quantized version of tensor i on exactly `params`, requantizing (QUANTIZE int -> int) when it has others. */
  const onParams = (i: number, params: QuantParams): number => {
    const q = getQuant(i, params);
    if (sameQuant(tensors[q].quant, params)) return q;
    const r = add({
      name: `${src[i].name}/requantized`,
      shape: [...src[i].shape],
      dtype: act,
      quant: cloneQuant(params),
    });
    ops.push({ kind: 'QUANTIZE', inputs: [q], outputs: [r] });
    return r;
  };
  floatGraph.ops.forEach((op, opIndex) => {
    const out = op.outputs[0];
    const c = cloneOp(op);
    if (!quantizedOp[opIndex]) {
      c.inputs = op.inputs.map((i) => (i < 0 ? i : src[i].data ? constant(i) : getFloat(i)));
      c.outputs = [newFloat(out)];
      ops.push(c);
      return;
    }
    const rule = quantRuleOf(op.kind);
    if (!rule) throw new Error(`${op.kind} in a float graph cannot be quantized`);
    const x = getQuant(op.inputs[0]);
    const xq = tensors[x].quant as QuantParams;
    const rest = (from: number) =>
      op.inputs.slice(from).map((i) => (i < 0 ? i : src[i].data ? constant(i) : getQuant(i)));
    if (isWeighted(op)) {
      const wT = quantizedWeights(op, src[op.inputs[1]], recipe);
      const w = add(wT);
      const inputs = [x, w];
      if (op.inputs[2] !== undefined && op.inputs[2] >= 0) {
        const b = src[op.inputs[2]];
        const qb = quantizeBias(constFloat32(b), xq.scale[0], wT.quant?.scale ?? [1], biasType);
        inputs.push(
          add({ name: b.name, shape: [...b.shape], dtype: biasType, data: toBytes(qb.values), quant: qb.quant }),
        );
      }
      c.inputs = inputs;
      c.outputs = [newQuant(out, calibrated(out))];
    } else if (rule.output.kind === 'own') {
      // Each input keeps its own grid; the output has its own calibrated params (quantization spec).
      c.inputs = [x, ...rest(1)];
      c.outputs = [newQuant(out, calibrated(out))];
      if (c.kind === 'ADD' || c.kind === 'SUB') c.potScaleInt16 = false;
    } else if (rule.output.kind === 'fixed') {
      c.inputs = [x];
      c.outputs = [newQuant(out, fixedOutputParams(rule, act) as QuantParams)];
    } else if (rule.output.kind === 'shared') {
      const params = calibrated(out);
      c.inputs = op.inputs.map((i) => onParams(i, params));
      c.outputs = [newQuant(out, params)];
    } else {
      // MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, PAD: output params = input params.
      c.inputs = [x, ...op.inputs.slice(1).map((i) => (i < 0 ? i : constant(i)))];
      c.outputs = [newQuant(out, cloneQuant(xq) as QuantParams)];
    }
    ops.push(c);
  });
  const outputs = floatGraph.outputs.map((i) => (ioQuantized ? getQuant(i) : getFloat(i)));
  const inputs = floatGraph.inputs.map((i) =>
    ioQuantized ? (quantVersion.get(i) as number) : (floatVersion.get(i) as number),
  );
  return { tensors, ops, inputs, outputs, description: describe(floatGraph, mode), metadata: [...floatGraph.metadata] };
}

/**
 * Builds the graph of `recipe.mode` from the float32 graph. `stats` is required for int8, int8-io and
 * int16x8 (activation ranges); ignored otherwise.
 */
export function quantizeGraph(floatGraph: Graph, stats: CalibrationStats | undefined, recipe: QuantRecipe): Graph {
  switch (recipe.mode) {
    case 'float32':
      return {
        ...floatGraph,
        tensors: floatGraph.tensors.map(cloneTensor),
        ops: floatGraph.ops.map(cloneOp),
        metadata: [...floatGraph.metadata],
      };
    case 'dynamic':
    case 'dynamic-int4':
      return dynamicRange(floatGraph, recipe);
    case 'float16':
      return float16(floatGraph);
    case 'int8':
    case 'int8-io':
    case 'int16x8':
    case 'int4':
      if (!stats) throw new Error(`mode ${recipe.mode} needs calibration stats`);
      return fullInteger(floatGraph, stats, recipe);
  }
}

export interface QuantizedModel {
  graph: Graph;
  /** The float graph the quantized one was made from: the input, or its equalized / bias-corrected copy. */
  prepared: Graph;
  /** What the recipe's algorithms did (absent when none ran). */
  algorithms?: AlgorithmReport;
  /** Undefined for modes that need no calibration. */
  stats?: CalibrationStats;
  recipe: QuantRecipe;
}

/**
 * Calibrate (when the mode needs it) then quantize. `images`: representative [N, 28, 28, 1] floats in [0, 1];
 * the first recipe.calibrationSamples are used.
 */
export function quantizeModel(
  floatGraph: Graph,
  images: Float32Array,
  recipe: QuantRecipe,
  hooks: { adaround?: AdaRoundOptions } = {},
): QuantizedModel {
  const integerWeights = LAB_MODES[recipe.mode].layerDebug;
  const equalized =
    recipe.crossLayerEqualization && integerWeights
      ? equalizeGraph(floatGraph, images, recipe.calibrationSamples)
      : undefined;
  let prepared = equalized?.graph ?? floatGraph;
  const stats = needsCalibration(recipe.mode)
    ? calibrate(prepared, images, recipe.calibrationSamples, recipe.calibrationMethod, {
        percentile: recipe.percentile,
        grid: recipe.mode === 'int16x8' ? 'int16' : 'int8',
      })
    : undefined;
  let graph = quantizeGraph(prepared, stats, recipe);
  let adaround: AdaRoundLayer[] | undefined;
  if (recipe.adaround && integerWeights) {
    const qmax = symmetricQmax(effectiveWeightBits(recipe));
    const samples = recipe.calibrationSamples;
    ({ graph: prepared, layers: adaround } = adaroundGraph(prepared, graph, images, samples, qmax, hooks.adaround));
    graph = quantizeGraph(prepared, stats, recipe);
  }
  let biasCorrections: BiasCorrection[] | undefined;
  if (recipe.biasCorrection && integerWeights) {
    // Weights (and so their scales) are unchanged: only the float biases move, then are requantized.
    ({ graph: prepared, corrections: biasCorrections } = correctBiases(
      prepared,
      graph,
      images,
      recipe.calibrationSamples,
    ));
    graph = quantizeGraph(prepared, stats, recipe);
  }
  const algorithms =
    equalized || biasCorrections || adaround ? { equalization: equalized, biasCorrections, adaround } : undefined;
  return { graph, prepared, stats, recipe, ...(algorithms && { algorithms: summarise(algorithms) }) };
}

/** What CLE and bias correction did, as plain data (no graphs). */
export interface AlgorithmReport {
  equalizedPairs?: EqualizationResult['pairs'];
  skippedPairs?: EqualizationResult['skipped'];
  biasCorrections?: BiasCorrection[];
  adaround?: AdaRoundLayer[];
}

function summarise(a: {
  equalization?: EqualizationResult;
  biasCorrections?: BiasCorrection[];
  adaround?: AdaRoundLayer[];
}): AlgorithmReport {
  return {
    ...(a.adaround && { adaround: a.adaround }),
    ...(a.equalization && { equalizedPairs: a.equalization.pairs, skippedPairs: a.equalization.skipped }),
    ...(a.biasCorrections && { biasCorrections: a.biasCorrections }),
  };
}
