/**
 * Validate stage: checks a graph against TFLite's quantization spec (quantization_spec.md) and the
 * interpreter's tensor checks. Returns human-readable violations; [] means the graph is within spec.
 */

import type { Graph, GraphOp, GraphTensor } from '../graph/graph';
import { quantRuleOf } from './op-quant-rules';

const REL_TOL = 1e-6;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

function checkTensor(t: GraphTensor, out: string[]): void {
  const q = t.quant;
  if (!q) {
    if (t.dtype === 'int8' || t.dtype === 'int16')
      out.push(`${t.name}: ${t.dtype} tensor without quantization parameters`);
    return;
  }
  if (q.scale.length !== q.zeroPoint.length)
    out.push(`${t.name}: ${q.scale.length} scales but ${q.zeroPoint.length} zero points`);
  q.scale.forEach((s, i) => {
    if (!Number.isFinite(s) || s <= 0) out.push(`${t.name}: scale[${i}] = ${s} is not finite and > 0`);
  });
  if (q.scale.length > 1) {
    if (q.quantizedDimension < 0 || q.quantizedDimension >= t.shape.length) {
      out.push(`${t.name}: quantized_dimension ${q.quantizedDimension} outside [0, ${t.shape.length})`);
    } else if (q.scale.length !== t.shape[q.quantizedDimension]) {
      out.push(
        `${t.name}: ${q.scale.length} scales for dimension ${q.quantizedDimension} of size ${t.shape[q.quantizedDimension]}`,
      );
    }
  }
  if (t.dtype === 'int8' && !t.data) {
    q.zeroPoint.forEach((z) => {
      if (!Number.isInteger(z) || z < -128 || z > 127) out.push(`${t.name}: int8 zero point ${z} outside [-128, 127]`);
    });
  }
  if (t.dtype === 'int16')
    q.zeroPoint.forEach((z) => {
      if (z !== 0) out.push(`${t.name}: int16 zero point ${z} is not 0`);
    });
}

function sameParams(a: GraphTensor, b: GraphTensor): boolean {
  const qa = a.quant;
  const qb = b.quant;
  if (!qa || !qb) return !qa && !qb;
  return (
    qa.scale.length === qb.scale.length &&
    qa.scale.every((s, i) => close(s, qb.scale[i])) &&
    qa.zeroPoint.every((z, i) => z === qb.zeroPoint[i])
  );
}

/** The output rule of op-quant-rules.ts: fixed params, params equal to the input's, or shared by all inputs. */
function checkOutputRule(op: GraphOp, T: GraphTensor[], out: string[]): void {
  const rule = quantRuleOf(op.kind);
  if (!rule) return;
  const output = T[op.outputs[0]];
  const activations = op.inputs.filter((i) => i >= 0 && !T[i].data).map((i) => T[i]);
  if (activations.some((t) => t.dtype !== output.dtype))
    out.push(`${output.name}: ${op.kind} inputs and output must share one type`);
  if (output.dtype !== 'int8' && output.dtype !== 'int16') return;
  const r = rule.output;
  if (r.kind === 'fixed') {
    const want = r.params[output.dtype];
    const p = output.quant;
    if (!p || !close(p.scale[0], want.scale) || p.zeroPoint[0] !== want.zeroPoint)
      out.push(`${output.name}: ${output.dtype} ${op.kind} output must be (${want.scale}, ${want.zeroPoint})`);
  } else if (r.kind === 'input' && !sameParams(activations[0], output)) {
    out.push(`${output.name}: ${op.kind} output params must equal its input params`);
  } else if (r.kind === 'shared' && activations.some((t) => !sameParams(t, output))) {
    out.push(`${output.name}: ${op.kind} inputs and output must share one scale and zero point`);
  }
}

export function checkQuantSpec(graph: Graph): string[] {
  const out: string[] = [];
  const T = graph.tensors;
  for (const t of T) checkTensor(t, out);
  for (const op of graph.ops) {
    const input = T[op.inputs[0]];
    const output = T[op.outputs[0]];
    const quantizedIO = input.dtype === 'int8' || input.dtype === 'int16';
    if (quantizedIO) checkOutputRule(op, T, out);
    switch (op.kind) {
      case 'CONV_2D':
      case 'DEPTHWISE_CONV_2D':
      case 'FULLY_CONNECTED': {
        const w = T[op.inputs[1]];
        if (w.dtype === 'int8') {
          const wq = w.quant;
          if (wq) {
            if (wq.zeroPoint.some((z) => z !== 0)) out.push(`${w.name}: int8 weights need zero point 0`);
            if (w.data) {
              const v = new Int8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength);
              if (v.includes(-128)) out.push(`${w.name}: int8 weights must lie in [-127, 127]`);
            }
            const expectedDim = op.kind === 'DEPTHWISE_CONV_2D' ? 3 : 0;
            if (wq.scale.length > 1 && wq.quantizedDimension !== expectedDim) {
              out.push(
                `${w.name}: ${op.kind} weights are per-channel along dimension ${expectedDim}, not ${wq.quantizedDimension}`,
              );
            }
          }
        }
        const biasIndex = op.inputs[2];
        if (quantizedIO && biasIndex !== undefined && biasIndex >= 0) {
          const b = T[biasIndex];
          const want = input.dtype === 'int8' ? 'int32' : 'int64';
          if (b.dtype !== want && !(input.dtype === 'int16' && b.dtype === 'int32'))
            out.push(`${b.name}: bias is ${b.dtype}, expected ${want}`);
          const bq = b.quant;
          const ws = w.quant?.scale ?? [];
          const is = input.quant?.scale[0] ?? NaN;
          if (!bq) out.push(`${b.name}: quantized bias without parameters`);
          else {
            if (bq.zeroPoint.some((z) => z !== 0)) out.push(`${b.name}: bias zero point must be 0`);
            const channels = Math.max(ws.length, bq.scale.length);
            for (let c = 0; c < channels; c++) {
              const expected = is * ws[ws.length === 1 ? 0 : c];
              const actual = bq.scale[bq.scale.length === 1 ? 0 : c];
              if (!close(actual, expected))
                out.push(`${b.name}: bias scale[${c}] ${actual} != input scale x weight scale ${expected}`);
            }
          }
        }
        break;
      }
      case 'ADD':
      case 'SUB':
        if (output.dtype === 'int16' && (op.potScaleInt16 || output.quant?.zeroPoint[0] !== 0))
          out.push(`${output.name}: int16 ${op.kind} needs zero point 0 and pot_scale_int16 false for general scales`);
        break;
      default:
        break;
    }
  }
  return out;
}
