import type { ModeReport } from '../report/report';
import type { Leaf } from './decision-tree';
import type { LabMode } from '../modes/lab-modes';

export type Severity = 'ok' | 'info' | 'warn';

export type FindingCode =
  | 'missing'
  | 'accuracy-ok'
  | 'accuracy-drop'
  | 'float-mismatch'
  | 'size-ok'
  | 'size-short'
  | 'speed-ok'
  | 'speed-same'
  | 'speed-slower'
  | 'speed-unmeasured'
  | 'target-not-measured'
  | 'dominated'
  | 'float-gain'
  | 'prerequisite'
  | 'deploy-fits'
  | 'deploy-no-fit'
  | 'edgetpu-ready'
  | 'edgetpu-fallback';

export interface Finding {
  severity: Severity;
  /** Stable key for tests and styling; the text is for learners. */
  code: FindingCode;
  text: string;
  /** Modes the finding suggests trying next, best first. */
  suggest?: LabMode[];
}

export interface AdviceOptions {
  /** Largest acceptable accuracy drop against the float model, in percentage points (0.5 = 0.5%). */
  tolerancePoints: number;
}

/** Relative latency band inside which two medians count as "about the same". */
const SAME_SPEED = 0.05;
/** A measured size ratio under this fraction of the promised one is flagged. */
const SIZE_SHORT = 0.8;
const SIZE_FAR_SHORT = 0.6;

const WHY_NEXT: Record<LabMode, string> = {
  float32: 'no quantization at all',
  float16: 'keeps float maths and still halves the size',
  dynamic: 'quantizes only the weights and measures activations on the fly',
  int8: 'full int8 with calibrated activation ranges',
  'int8-io': 'full int8 including input and output',
  int16x8: 'keeps int8 weights but gives activations 16 bits',
  'dynamic-int4': 'stores weights in 4 bits and keeps float activations',
  int4: 'halves the int8 weights again, to 4 bits, with int8 activations',
  qat: 'retrains with int8 rounding simulated, so the weights adapt to it',
};

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;
const points = (p: number) => `${p.toFixed(2)} percentage point${Math.abs(p) === 1 ? '' : 's'}`;
const ms = (v: number) => `${v < 1 ? v.toFixed(3) : v.toFixed(2)} ms`;
/** Accuracy drop against float, in percentage points; negative when the quantized model scores higher. */
const dropPoints = (floatAccuracy: number, r: ModeReport) => (floatAccuracy - r.accuracy) * 100;

/**
 * Compares the measured reports against what the recommendation promised (`leaf.expected`) and the
 * learner's accuracy tolerance. `float.accuracy` is the trained TF.js model's test accuracy (fraction).
 */
export function checkRecommendation(
  leaf: Leaf,
  measured: ModeReport[],
  float: { accuracy: number },
  options: AdviceOptions,
): Finding[] {
  const byMode = new Map(measured.map((r) => [r.mode, r]));
  const rec = byMode.get(leaf.mode);
  const findings: Finding[] = [];
  if (leaf.prerequisite) findings.push({ severity: 'info', code: 'prerequisite', text: leaf.prerequisite });
  if (!rec) {
    findings.push({
      severity: 'warn',
      code: 'missing',
      text: `There is no measurement for ${leaf.mode} yet: run the recommendation first.`,
    });
    return findings;
  }
  const f32 = byMode.get('float32');
  findings.push(...checkAccuracy(leaf, rec, byMode, float.accuracy, options.tolerancePoints));
  if (f32 && Math.abs(f32.accuracy - float.accuracy) >= 0.001) {
    findings.push({
      severity: 'info',
      code: 'float-mismatch',
      text: `The float32 .tflite scores ${pct(f32.accuracy)} in the runtime against ${pct(float.accuracy)} in TF.js; drops here are measured against TF.js.`,
    });
  }
  if (f32 && leaf.mode !== 'float32') {
    const size = checkSize(leaf, rec, f32);
    if (size) findings.push(size);
    findings.push(...checkSpeed(leaf, rec, f32));
    const better = findDominating(leaf, rec, measured, float.accuracy, options.tolerancePoints);
    if (better) findings.push(better);
  }
  if (leaf.mode === 'float32') findings.push(...describeGains(rec, measured, float.accuracy));
  return findings;
}

function checkAccuracy(
  leaf: Leaf,
  rec: ModeReport,
  byMode: Map<string, ModeReport>,
  floatAccuracy: number,
  tolerance: number,
): Finding[] {
  const drop = dropPoints(floatAccuracy, rec);
  if (drop <= tolerance) {
    const text =
      drop <= 0
        ? `${leaf.mode} scores ${pct(rec.accuracy)}, no lower than the float model (${pct(floatAccuracy)}).`
        : `${leaf.mode} loses ${points(drop)} (${pct(floatAccuracy)} -> ${pct(rec.accuracy)}), within your ${tolerance}-point tolerance.`;
    return [{ severity: 'ok', code: 'accuracy-ok', text }];
  }
  const tries = leaf.ifInaccurate.map((m) => {
    const r = byMode.get(m);
    if (!r) return `try ${m} next (${WHY_NEXT[m]})`;
    const d = dropPoints(floatAccuracy, r);
    return `${m} (${WHY_NEXT[m]}) measured ${pct(r.accuracy)}, a drop of ${points(d)}${d <= tolerance ? ', within tolerance' : ', also too much'}`;
  });
  const next = tries.length
    ? ` Next: ${tries.join('; ')}.`
    : ' Try more quantization-aware training epochs, or accept float32 for this model.';
  return [
    {
      severity: 'warn',
      code: 'accuracy-drop',
      text: `${leaf.mode} loses ${points(drop)} (${pct(floatAccuracy)} -> ${pct(rec.accuracy)}), more than your ${tolerance}-point tolerance.${next}`,
      suggest: leaf.ifInaccurate,
    },
  ];
}

function checkSize(leaf: Leaf, rec: ModeReport, f32: ModeReport): Finding | undefined {
  if (leaf.expected.sizeRatio <= 1 || rec.bytes <= 0) return undefined;
  const ratio = f32.bytes / rec.bytes;
  const said = `${ratio.toFixed(1)}x smaller than float32 (${rec.bytes.toLocaleString('en-US')} vs ${f32.bytes.toLocaleString('en-US')} bytes)`;
  if (ratio >= leaf.expected.sizeRatio * SIZE_SHORT) {
    return {
      severity: 'ok',
      code: 'size-ok',
      text: `${leaf.mode} is ${said}, as promised (~${leaf.expected.sizeRatio}x).`,
    };
  }
  return {
    severity: ratio < leaf.expected.sizeRatio * SIZE_FAR_SHORT ? 'warn' : 'info',
    code: 'size-short',
    text:
      `${leaf.mode} is only ${said}, short of the ~${leaf.expected.sizeRatio}x promised. ` +
      'The promise counts weights only: the graph, metadata, biases and any tensors left in float are a fixed cost that weighs more in a small model.',
  };
}

function checkSpeed(leaf: Leaf, rec: ModeReport, f32: ModeReport): Finding[] {
  if (!rec.latency || !f32.latency || f32.latency.median_ms <= 0) {
    return [{ severity: 'info', code: 'speed-unmeasured', text: 'Latency was not measured for this comparison.' }];
  }
  const ratio = rec.latency.median_ms / f32.latency.median_ms;
  const vs = `${ms(rec.latency.median_ms)} vs ${ms(f32.latency.median_ms)} median`;
  const out: Finding[] = [];
  if (leaf.target === 'gpu' || leaf.target === 'integer-only') {
    const where = leaf.target === 'gpu' ? 'a GPU' : 'an Edge TPU or microcontroller';
    out.push({
      severity: 'info',
      code: 'target-not-measured',
      text: `The lab measures latency on this computer's CPU (WebAssembly), not on ${where}; the speed there can differ a lot.`,
    });
  }
  const slower = ratio > 1 + SAME_SPEED;
  const faster = ratio < 1 - SAME_SPEED;
  if (leaf.expected.speed === 'faster' && slower) {
    out.push({
      severity: leaf.target === 'cpu' ? 'warn' : 'info',
      code: 'speed-slower',
      text:
        `Expected faster, but ${leaf.mode} ran ${ratio.toFixed(2)}x slower than float32 here (${vs}). ` +
        "On a desktop CPU the runtime's float path (XNNPACK, with SIMD) is very optimised, and in a model this small fixed per-op costs dominate; " +
        'integer kernels pay off on mobile CPUs, microcontrollers and Edge TPUs.',
    });
  } else if (leaf.expected.speed === 'faster' && !faster) {
    out.push({
      severity: 'info',
      code: 'speed-same',
      text: `Expected faster, but ${leaf.mode} ran about as fast as float32 here (${vs}).`,
    });
  } else if (leaf.expected.speed === 'slower' && slower) {
    out.push({
      severity: 'info',
      code: 'speed-slower',
      text: `${leaf.mode} ran ${ratio.toFixed(2)}x slower than float32 (${vs}), as expected: its kernels are less optimised than int8 and float.`,
    });
  } else if (leaf.expected.speed === 'same' && ratio > 1.2) {
    out.push({
      severity: 'info',
      code: 'speed-slower',
      text: `${leaf.mode} ran ${ratio.toFixed(2)}x slower than float32 here (${vs}), more than expected.`,
    });
  } else {
    out.push({
      severity: 'ok',
      code: 'speed-ok',
      text: `${leaf.mode}: ${vs} (${ratio.toFixed(2)}x the float32 time).`,
    });
  }
  return out;
}

/** Another measured mode that is no bigger, no slower and no less accurate (and better somewhere). */
function findDominating(
  leaf: Leaf,
  rec: ModeReport,
  measured: ModeReport[],
  floatAccuracy: number,
  tolerance: number,
): Finding | undefined {
  // Float modes cannot run on integer-only hardware, and GPU support is not measured here.
  if (leaf.target !== 'cpu' || !rec.latency) return undefined;
  const recMs = rec.latency.median_ms;
  const better = measured.find(
    (r) =>
      r.mode !== rec.mode &&
      r.latency !== undefined &&
      r.bytes <= rec.bytes &&
      r.latency.median_ms <= recMs &&
      r.accuracy >= rec.accuracy &&
      (r.bytes < rec.bytes || r.latency.median_ms < recMs * (1 - SAME_SPEED) || r.accuracy > rec.accuracy) &&
      dropPoints(floatAccuracy, r) <= tolerance,
  );
  if (!better?.latency) return undefined;
  return {
    severity: 'info',
    code: 'dominated',
    text:
      `On this model ${better.mode} did at least as well on every measure: ${better.bytes.toLocaleString('en-US')} bytes, ` +
      `${ms(better.latency.median_ms)}, ${pct(better.accuracy)}. The tree gives the usual answer; your measurement is the final word.`,
    suggest: [better.mode as LabMode],
  };
}

/** For "keep float32": what each measured alternative would have saved. */
function describeGains(f32: ModeReport, measured: ModeReport[], floatAccuracy: number): Finding[] {
  return measured
    .filter((r) => r.mode !== 'float32' && r.bytes > 0)
    .map((r) => ({
      severity: 'info' as const,
      code: 'float-gain' as const,
      text: `${r.mode} would be ${(f32.bytes / r.bytes).toFixed(1)}x smaller for a drop of ${points(dropPoints(floatAccuracy, r))}.`,
    }));
}
