/**
 * How each op's output is quantized in the integer modes, declared once (TFLite quantization_spec.md,
 * and the kernels' Prepare checks): the quantizer (quantize-graph.ts) and the spec check (spec-check.ts)
 * both read this table.
 * - `own`: the output gets its own calibrated params (conv, FC, ADD, SUB, MUL, MEAN, HARD_SWISH, LEAKY_RELU);
 * - `input`: the output takes its input's params (pooling, RESHAPE, PAD);
 * - `fixed`: the spec fixes them (SOFTMAX, LOGISTIC, TANH);
 * - `shared`: every input and the output share one set of params (CONCATENATION).
 * `int16`: TFLite has a 16x8 kernel for it; without one, 16x8 keeps the op in float32 (with QUANTIZE /
 * DEQUANTIZE around it), as the converter's float fallback does.
 */

import type { OpKind, QuantParams } from '../graph/graph';

export type ActivationGrid = 'int8' | 'int16';

export type OutputRule =
  | { kind: 'own' }
  | { kind: 'input' }
  | { kind: 'shared' }
  | { kind: 'fixed'; params: Record<ActivationGrid, { scale: number; zeroPoint: number }> };

export interface OpQuantRule {
  output: OutputRule;
  int16: boolean;
}

const OWN = { output: { kind: 'own' }, int16: true } as const;
const INPUT = { output: { kind: 'input' }, int16: true } as const;
/** SOFTMAX and LOGISTIC: [0, 1) on 256 (int8) or 32768 (int16) steps. */
const UNIT: OpQuantRule = {
  output: {
    kind: 'fixed',
    params: { int8: { scale: 1 / 256, zeroPoint: -128 }, int16: { scale: 1 / 32768, zeroPoint: 0 } },
  },
  int16: true,
};

export const OP_QUANT_RULES: Readonly<Record<Exclude<OpKind, 'QUANTIZE' | 'DEQUANTIZE'>, OpQuantRule>> = {
  CONV_2D: OWN,
  DEPTHWISE_CONV_2D: OWN,
  FULLY_CONNECTED: OWN,
  ADD: OWN,
  SUB: OWN,
  MUL: OWN,
  MEAN: OWN,
  LEAKY_RELU: OWN,
  HARD_SWISH: { output: { kind: 'own' }, int16: false },
  MAX_POOL_2D: INPUT,
  AVERAGE_POOL_2D: INPUT,
  RESHAPE: INPUT,
  PAD: INPUT,
  CONCATENATION: { output: { kind: 'shared' }, int16: true },
  SOFTMAX: UNIT,
  LOGISTIC: UNIT,
  /** [-1, 1): int8 (1/128, 0), int16 (1/32768, 0). */
  TANH: {
    output: {
      kind: 'fixed',
      params: { int8: { scale: 1 / 128, zeroPoint: 0 }, int16: { scale: 1 / 32768, zeroPoint: 0 } },
    },
    int16: true,
  },
};

/** The rule of an op kind; QUANTIZE and DEQUANTIZE have none (they are the conversions). */
export function quantRuleOf(kind: OpKind): OpQuantRule | undefined {
  return kind === 'QUANTIZE' || kind === 'DEQUANTIZE' ? undefined : OP_QUANT_RULES[kind];
}

/** The fixed output params of a `fixed` rule as QuantParams. */
export function fixedOutputParams(rule: OpQuantRule, grid: ActivationGrid): QuantParams | undefined {
  if (rule.output.kind !== 'fixed') return undefined;
  const p = rule.output.params[grid];
  return { scale: [p.scale], zeroPoint: [p.zeroPoint], quantizedDimension: 0 };
}
