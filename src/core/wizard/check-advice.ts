import type { ModeReport } from '../report/report';
import type { Leaf } from './decision-tree';
import type { LabMode } from '../modes/lab-modes';
import { englishFinding } from './finding-english';
import type { FindingMessage } from './finding-message';

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
  /** What it says, as data (the page writes it in the shown language). */
  message: FindingMessage;
  /** The English sentence of `message`. */
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

/** A finding whose English text is written from its message. */
export function finding(severity: Severity, code: FindingCode, message: FindingMessage, suggest?: LabMode[]): Finding {
  return { severity, code, message, text: englishFinding(message), ...(suggest ? { suggest } : {}) };
}

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
  if (leaf.prerequisite)
    findings.push(finding('info', 'prerequisite', { key: 'prerequisite', leaf: leaf.id, text: leaf.prerequisite }));
  if (!rec) {
    findings.push(finding('warn', 'missing', { key: 'missing', mode: leaf.mode }));
    return findings;
  }
  const f32 = byMode.get('float32');
  findings.push(...checkAccuracy(leaf, rec, byMode, float.accuracy, options.tolerancePoints));
  if (f32 && Math.abs(f32.accuracy - float.accuracy) >= 0.001) {
    findings.push(
      finding('info', 'float-mismatch', {
        key: 'float-mismatch',
        runtimeAccuracy: f32.accuracy,
        tfjsAccuracy: float.accuracy,
      }),
    );
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
  const numbers = { mode: leaf.mode, dropPoints: drop, accuracy: rec.accuracy, floatAccuracy, tolerance };
  if (drop <= tolerance) {
    return [
      drop <= 0
        ? finding('ok', 'accuracy-ok', {
            key: 'accuracy-no-lower',
            mode: leaf.mode,
            accuracy: rec.accuracy,
            floatAccuracy,
          })
        : finding('ok', 'accuracy-ok', { key: 'accuracy-within', ...numbers }),
    ];
  }
  const next = leaf.ifInaccurate.map((mode) => {
    const r = byMode.get(mode);
    if (!r) return { mode };
    const d = dropPoints(floatAccuracy, r);
    return { mode, measured: { accuracy: r.accuracy, dropPoints: d, withinTolerance: d <= tolerance } };
  });
  return [finding('warn', 'accuracy-drop', { key: 'accuracy-drop', ...numbers, next }, leaf.ifInaccurate)];
}

function checkSize(leaf: Leaf, rec: ModeReport, f32: ModeReport): Finding | undefined {
  if (leaf.expected.sizeRatio <= 1 || rec.bytes <= 0) return undefined;
  const sizes = {
    mode: leaf.mode,
    ratio: f32.bytes / rec.bytes,
    bytes: rec.bytes,
    floatBytes: f32.bytes,
    promised: leaf.expected.sizeRatio,
  };
  if (sizes.ratio >= leaf.expected.sizeRatio * SIZE_SHORT)
    return finding('ok', 'size-ok', { key: 'size-ok', ...sizes });
  const severity = sizes.ratio < leaf.expected.sizeRatio * SIZE_FAR_SHORT ? 'warn' : 'info';
  return finding(severity, 'size-short', { key: 'size-short', ...sizes });
}

function checkSpeed(leaf: Leaf, rec: ModeReport, f32: ModeReport): Finding[] {
  if (!rec.latency || !f32.latency || f32.latency.median_ms <= 0) {
    return [finding('info', 'speed-unmeasured', { key: 'speed-unmeasured' })];
  }
  const ratio = rec.latency.median_ms / f32.latency.median_ms;
  const speeds = { mode: leaf.mode, ratio, modeMs: rec.latency.median_ms, floatMs: f32.latency.median_ms };
  const out: Finding[] = [];
  if (leaf.target === 'gpu' || leaf.target === 'integer-only') {
    out.push(finding('info', 'target-not-measured', { key: 'target-not-measured', target: leaf.target }));
  }
  const slower = ratio > 1 + SAME_SPEED;
  const faster = ratio < 1 - SAME_SPEED;
  if (leaf.expected.speed === 'faster' && slower) {
    const severity = leaf.target === 'cpu' ? 'warn' : 'info';
    out.push(finding(severity, 'speed-slower', { key: 'speed-slower-unexpected', ...speeds }));
  } else if (leaf.expected.speed === 'faster' && !faster) {
    out.push(finding('info', 'speed-same', { key: 'speed-same-unexpected', ...speeds }));
  } else if (leaf.expected.speed === 'slower' && slower) {
    out.push(finding('info', 'speed-slower', { key: 'speed-slower-expected', ...speeds }));
  } else if (leaf.expected.speed === 'same' && ratio > 1.2) {
    out.push(finding('info', 'speed-slower', { key: 'speed-slower-than-expected', ...speeds }));
  } else {
    out.push(finding('ok', 'speed-ok', { key: 'speed-ok', ...speeds }));
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
  const message = {
    key: 'dominated' as const,
    mode: better.mode,
    bytes: better.bytes,
    latencyMs: better.latency.median_ms,
    accuracy: better.accuracy,
  };
  return finding('info', 'dominated', message, [better.mode as LabMode]);
}

/** For "keep float32": what each measured alternative would have saved. */
function describeGains(f32: ModeReport, measured: ModeReport[], floatAccuracy: number): Finding[] {
  return measured
    .filter((r) => r.mode !== 'float32' && r.bytes > 0)
    .map((r) =>
      finding('info', 'float-gain', {
        key: 'float-gain',
        mode: r.mode,
        ratio: f32.bytes / r.bytes,
        dropPoints: dropPoints(floatAccuracy, r),
      }),
    );
}
