/**
 * What QAT changed, as data for the UI: how far the weights moved (and how many int8 codes that
 * changed), how the learned activation ranges compare with post-training calibration, and the
 * accuracies before and after. Pure: plain arrays in, plain objects out.
 */

import { hasWeights } from '../model/architecture';
import { architectureOf, type TrainedModel, type WeightTensor } from '../model/trained-model';
import type { CalibrationStats } from '../quant/calibrate';
import { quantizeWeightsSymmetric } from '../quant/quant-params';
import { activationQuant, type KernelLayout } from './fake-quant';
import type { QatResult } from './qat-train';

export interface WeightChange {
  /** TF.js weight name, e.g. "conv2d_0/kernel". */
  name: string;
  count: number;
  /** ||w_qat - w|| / ||w|| (L2). */
  relativeChange: number;
  meanAbsChange: number;
  maxAbsChange: number;
  /** Fraction of int8 codes that differ between the two exports (kernels only; biases stay int32). */
  codesChanged?: number;
}

export interface RangeComparison {
  /** Float-graph tensor name, e.g. "conv2d_0/out". */
  tensor: string;
  /** The moving-average range the QAT file uses. */
  qatMin: number;
  qatMax: number;
  qatScale: number;
  /** Extremes seen during QAT. */
  seenMin: number;
  seenMax: number;
  /** The post-training calibration range of the original model (when given). */
  ptqMin?: number;
  ptqMax?: number;
  ptqScale?: number;
}

export interface QatExplanation {
  weights: WeightChange[];
  ranges: RangeComparison[];
  /** Test accuracies (fractions): original float model, float weights after QAT, int8 simulated in tfjs. */
  floatAccuracyBefore: number;
  floatAccuracyAfter: number;
  simulatedInt8Accuracy: number;
  qatEpochs: number;
  imagesSeen: number;
  /** Short learner-facing sentences built from the numbers above. */
  summary: string[];
  /** The same sentences as data (englishQatLine writes each), for the page's other languages. */
  lines: QatSummaryLine[];
}

/**
 * One line of the QAT summary, as data: the numbers already formatted as the English sentence shows them
 * (percentages, ranges, int8 steps), so every language shows the same figures.
 */
export type QatSummaryLine =
  | { code: 'qat-trained'; epochs: number; images: number }
  | { code: 'qat-kernel'; name: string; moved: string; codesChanged: string }
  | {
      code: 'qat-range';
      tensor: string;
      narrower: boolean;
      qat: [string, string];
      ptq: [string, string];
      qatStep: string;
      ptqStep: string;
    }
  | { code: 'qat-accuracy'; before: string; after: string; simulated: string };

/** The English sentence of a QAT summary line. */
export function englishQatLine(l: QatSummaryLine): string {
  switch (l.code) {
    case 'qat-trained':
      return (
        `QAT fine-tuned the float weights for ${l.epochs} epoch${l.epochs === 1 ? '' : 's'} (${l.images.toLocaleString('en-US')} images) ` +
        'while every forward pass rounded weights and activations to the int8 grid the file uses; gradients passed through the rounding unchanged.'
      );
    case 'qat-kernel':
      return `${l.name}: weights moved by ${l.moved} (L2); ${l.codesChanged} of its int8 codes differ from the post-training file.`;
    case 'qat-range':
      return (
        `${l.tensor}: the learned range [${l.qat[0]}, ${l.qat[1]}] is ${l.narrower ? 'narrower' : 'wider'} than the calibrated [${l.ptq[0]}, ${l.ptq[1]}] ` +
        `(int8 step ${l.qatStep} vs ${l.ptqStep}). QAT's range is a moving average of batch extremes, ` +
        'measured while the weights changed; calibration takes the extremes of the original model over the representative images.'
      );
    case 'qat-accuracy':
      return (
        `Test accuracy: float before ${l.before}, float after QAT ${l.after}, int8 simulated during QAT ${l.simulated}. ` +
        'Part of any gain is simply more training; the int8 file now matches the model that training evaluated.'
      );
  }
}

const LINE_PATTERNS: { test: RegExp; line: (m: RegExpMatchArray) => QatSummaryLine }[] = [
  {
    test: /^QAT fine-tuned the float weights for (\d+) epochs? \(([\d,]+) images\) while every forward pass/,
    line: (m) => ({ code: 'qat-trained', epochs: Number(m[1]), images: Number(m[2]!.replace(/,/g, '')) }),
  },
  {
    test: /^(.+): weights moved by (.+) \(L2\); (.+) of its int8 codes differ from the post-training file\.$/,
    line: (m) => ({ code: 'qat-kernel', name: m[1]!, moved: m[2]!, codesChanged: m[3]! }),
  },
  {
    test: /^(.+): the learned range \[([^,\]]+), ([^\]]+)\] is (narrower|wider) than the calibrated \[([^,\]]+), ([^\]]+)\] \(int8 step (\S+) vs (\S+)\)\. QAT's range/,
    line: (m) => ({
      code: 'qat-range',
      tensor: m[1]!,
      narrower: m[4] === 'narrower',
      qat: [m[2]!, m[3]!],
      ptq: [m[5]!, m[6]!],
      qatStep: m[7]!,
      ptqStep: m[8]!,
    }),
  },
  {
    test: /^Test accuracy: float before (.+), float after QAT (.+), int8 simulated during QAT (.+?)\. Part of any gain/,
    line: (m) => ({ code: 'qat-accuracy', before: m[1]!, after: m[2]!, simulated: m[3]! }),
  },
];

/**
 * The data of a summary sentence a run kept from before `summary_lines` existed, when it is one the core writes
 * (englishQatLine gives the same sentence back); undefined for any other text.
 */
export function parseQatLine(sentence: string): QatSummaryLine | undefined {
  for (const p of LINE_PATTERNS) {
    const m = sentence.match(p.test);
    if (!m) continue;
    const line = p.line(m);
    return englishQatLine(line) === sentence ? line : undefined;
  }
  return undefined;
}

/** int8 codes of a kernel as the exporter computes them, per channel in TF.js layout. */
function codes(w: WeightTensor, layout: KernelLayout, result: Pick<QatResult, 'granularity'>): Int8Array {
  const s = w.shape;
  if (layout === 'dense')
    return quantizeWeightsSymmetric(w.values, s, result.granularity.fcPerChannel ? 1 : undefined).values;
  // conv2d HWIO: out is the last axis; depthwise [kh, kw, in, mult]: channel = in * mult + m, the last two axes.
  const shape = layout === 'depthwiseConv2d' ? [s[0] * s[1], s[2] * s[3]] : s;
  return quantizeWeightsSymmetric(w.values, shape, result.granularity.perChannel ? shape.length - 1 : undefined).values;
}

/** Layout of each weight tensor (kernel then bias per weighted layer) of a model; undefined for biases. */
function weightLayouts(model: TrainedModel): (KernelLayout | undefined)[] {
  return architectureOf(model).layers.flatMap((l) => (hasWeights(l) ? [l.type, undefined] : []));
}

function compareWeights(
  before: WeightTensor,
  after: WeightTensor,
  layout: KernelLayout | undefined,
  result: Pick<QatResult, 'granularity'>,
): WeightChange {
  let diff2 = 0;
  let norm2 = 0;
  let sumAbs = 0;
  let maxAbs = 0;
  for (let i = 0; i < before.values.length; i++) {
    const d = after.values[i] - before.values[i];
    diff2 += d * d;
    norm2 += before.values[i] * before.values[i];
    sumAbs += Math.abs(d);
    maxAbs = Math.max(maxAbs, Math.abs(d));
  }
  const n = before.values.length;
  const change: WeightChange = {
    name: after.name,
    count: n,
    relativeChange: norm2 > 0 ? Math.sqrt(diff2 / norm2) : Math.sqrt(diff2),
    meanAbsChange: n > 0 ? sumAbs / n : 0,
    maxAbsChange: maxAbs,
  };
  if (layout) {
    const a = codes(before, layout, result);
    const b = codes(after, layout, result);
    let changed = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
    change.codesChanged = n > 0 ? changed / n : 0;
  }
  return change;
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));

/**
 * Explains a QAT run. `ptq` is the post-training calibration of the original model (e.g.
 * `calibrate(modelToGraph(original), images, 100, 'minmax')`), for the range comparison.
 */
export function explainQat(original: TrainedModel, result: QatResult, ptq?: CalibrationStats): QatExplanation {
  if (original.weights.length !== result.model.weights.length)
    throw new Error('explainQat: the models have different weights');
  const layouts = weightLayouts(original);
  const weights = original.weights.map((w, i) => compareWeights(w, result.model.weights[i], layouts[i], result));
  const ranges: RangeComparison[] = Object.entries(result.ranges).map(([tensor, r]) => {
    const row: RangeComparison = {
      tensor,
      qatMin: r.min,
      qatMax: r.max,
      qatScale: activationQuant(r.min, r.max).scale,
      seenMin: r.seenMin,
      seenMax: r.seenMax,
    };
    const p = ptq?.tensors[tensor];
    if (p)
      Object.assign(row, {
        ptqMin: p.rangeMin,
        ptqMax: p.rangeMax,
        ptqScale: activationQuant(p.rangeMin, p.rangeMax).scale,
      });
    return row;
  });
  const lines: QatSummaryLine[] = [];
  const epochs = result.history.length;
  lines.push({ code: 'qat-trained', epochs, images: result.imagesSeen });
  const kernels = weights.filter((w) => w.codesChanged !== undefined);
  for (const k of kernels) {
    lines.push({
      code: 'qat-kernel',
      name: k.name,
      moved: pct(k.relativeChange),
      codesChanged: pct(k.codesChanged ?? 0),
    });
  }
  for (const r of ranges) {
    if (r.ptqMin === undefined || r.ptqMax === undefined || r.ptqScale === undefined) continue;
    if (Math.abs(r.qatScale / r.ptqScale - 1) < 0.02) continue;
    lines.push({
      code: 'qat-range',
      tensor: r.tensor,
      narrower: r.qatScale < r.ptqScale,
      qat: [fmt(r.qatMin), fmt(r.qatMax)],
      ptq: [fmt(r.ptqMin), fmt(r.ptqMax)],
      qatStep: r.qatScale.toPrecision(3),
      ptqStep: r.ptqScale.toPrecision(3),
    });
  }
  const after = result.model.testAccuracy;
  lines.push({
    code: 'qat-accuracy',
    before: pct(original.testAccuracy, 2),
    after: pct(after, 2),
    simulated: pct(result.simulatedTestAccuracy, 2),
  });
  return {
    weights,
    ranges,
    floatAccuracyBefore: original.testAccuracy,
    floatAccuracyAfter: after,
    simulatedInt8Accuracy: result.simulatedTestAccuracy,
    qatEpochs: epochs,
    imagesSeen: result.imagesSeen,
    summary: lines.map(englishQatLine),
    lines,
  };
}
