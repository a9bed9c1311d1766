/**
 * What the lab keeps of one run, in one versioned declaration: the settings that produced it, its metrics
 * (report.json: the float model and every measured mode, as the results table shows them), its files (the
 * .tflite bytes and the trained model) and, for runs measured in this browser, what the comparison panels
 * need to show them again after a reload. Pure, so it is tested in Node; run-store.ts keeps it in IndexedDB.
 */
import type { TrainedModel } from '../../core/model/trained-model';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import type { LabReport } from '../../core/report/report';
import type { LabState } from '../state/lab-state';

/** Bump when the shape changes; a record of another version is not read back (see {@link readRunRecord}). */
export const RUN_RECORD_VERSION = 1;

/** The panels' view of one measured mode besides its entry and bytes (absent for imported runs). */
export type ModeDetails = Omit<MeasuredMode, 'entry' | 'bytes'>;

export interface RunRecord {
  version: typeof RUN_RECORD_VERSION;
  /** Unique within this browser. */
  id: string;
  /** The learner's name for it (defaults to the model and the date). */
  name: string;
  /** When it was recorded or imported, ms since 1970. */
  createdAt: number;
  /** 'training': a model was trained (or imported, or compressed); 'quantization': modes were measured; 'imported': from a zip. */
  kind: 'training' | 'quantization' | 'imported';
  /** The lab state that produced it (absent for an imported zip: its report.json `settings` say it). */
  settings?: LabState;
  /** report.json as "Download all" writes it: the metrics. */
  report: LabReport;
  /** .tflite bytes by mode name (the report's modes). */
  files: Record<string, Uint8Array>;
  /** The trained model the modes were measured on (absent for an imported zip). */
  model?: TrainedModel;
  /** Per mode: weight layers, predictions and QAT's explanation, so the current results come back after a reload. */
  details?: Record<string, ModeDetails>;
}

/** A new run id: time plus randomness (no two runs of one browser share it). */
export function newRunId(now: number, random: () => number = Math.random): string {
  return `${now.toString(36)}-${Math.floor(random() * 36 ** 6).toString(36)}`;
}

/** The default name: "tutorial · int8, float16" style (model, then the modes). */
export function defaultRunName(report: Pick<LabReport, 'preset' | 'modes'>): string {
  const modes = report.modes.map((m) => m.mode);
  return modes.length === 0 ? report.preset : `${report.preset} · ${modes.join(', ')}`;
}

/** Builds the record of a run from what the results cache holds and the settings it was measured under. */
export function buildRunRecord(args: {
  id: string;
  createdAt: number;
  kind: RunRecord['kind'];
  settings: LabState;
  report: LabReport;
  model: TrainedModel;
  outcomes: Record<string, MeasuredMode>;
}): RunRecord {
  const { outcomes } = args;
  const files: Record<string, Uint8Array> = {};
  const details: Record<string, ModeDetails> = {};
  for (const [mode, { entry: _entry, bytes, ...rest }] of Object.entries(outcomes)) {
    files[mode] = bytes;
    details[mode] = rest;
  }
  // Only the lab's own modes: inspected files belong to no run.
  const report = { ...args.report, modes: args.report.modes.filter((m) => m.mode in outcomes) };
  return {
    version: RUN_RECORD_VERSION,
    id: args.id,
    name: defaultRunName(report),
    createdAt: args.createdAt,
    kind: args.kind,
    settings: args.settings,
    report,
    files,
    model: args.model,
    details,
  };
}

/**
 * The record of a quantization of an imported model whose input is not MNIST: its report (each mode scored
 * by agreement with the float model, no accuracy) and files, and the model. No details: the lab's panels
 * (debugger, confusion, draw) work on MNIST models only, so nothing of it is restored into the results cache.
 */
export function buildAgreementRunRecord(args: {
  id: string;
  createdAt: number;
  settings: LabState;
  report: LabReport;
  model: TrainedModel;
  files: Record<string, Uint8Array>;
}): RunRecord {
  const report = { ...args.report, modes: args.report.modes.filter((m) => m.mode in args.files) };
  const files = Object.fromEntries(report.modes.map((m) => [m.mode, args.files[m.mode]!]));
  return {
    version: RUN_RECORD_VERSION,
    id: args.id,
    name: defaultRunName({ preset: args.report.source?.file ?? args.report.preset, modes: report.modes }),
    createdAt: args.createdAt,
    kind: 'quantization',
    settings: args.settings,
    report,
    files,
    model: args.model,
  };
}

/** Whether a run was scored without labels: its modes carry agreement with the float model instead of accuracy. */
export function scoredByAgreement(report: Pick<LabReport, 'modes'>): boolean {
  return report.modes.length > 0 && report.modes.every((m) => m.float_model_agreement !== undefined);
}

/** The measured modes of a record as the results cache holds them; undefined when the record lacks the details. */
export function outcomesOf(record: RunRecord): Record<string, MeasuredMode> | undefined {
  const out: Record<string, MeasuredMode> = {};
  for (const entry of record.report.modes) {
    const bytes = record.files[entry.mode];
    const details = record.details?.[entry.mode];
    if (!bytes || !details) return undefined;
    out[entry.mode] = { entry, bytes, ...details };
  }
  return out;
}

/**
 * Which model a record belongs to, so a reload can tell the saved model's runs apart. A trained model has no
 * id; these fields together are measured at training time and differ between any two trainings.
 */
export function modelKey(m: TrainedModel): string {
  return [m.preset, m.dataset ?? 'mnist', m.seed, m.params, m.testAccuracy, m.trainSeconds, m.history.length].join('|');
}

/** The record to restore the current results from: the newest quantization run of `model` with its details. */
export function latestRunOf(records: readonly RunRecord[], model: TrainedModel): RunRecord | undefined {
  const key = modelKey(model);
  return [...records]
    .filter((r) => r.kind === 'quantization' && r.model && modelKey(r.model) === key && outcomesOf(r))
    .sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** FNV-1a over a file's bytes: enough to tell two files of one browser apart, not a security hash. */
function fileHash(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(36)}`;
}

/**
 * What makes two records the same run: their kind, their model and, mode by mode, the file and the accuracy
 * measured from it. Id, date, name and latency samples are left out: a second save of the same results (an
 * action that measured nothing new, such as a cancelled or failed run after a reload restored the results)
 * differs only in those.
 */
export function runIdentity(record: Pick<RunRecord, 'kind' | 'model' | 'report' | 'files'>): string {
  const modes = [...record.report.modes]
    .sort((a, b) => a.mode.localeCompare(b.mode))
    .map(
      (m) =>
        `${m.mode}=${fileHash(record.files[m.mode] ?? new Uint8Array(0))}@${m.accuracy}` +
        (m.float_model_agreement ? `~${m.float_model_agreement.top1_agreement}` : ''),
    );
  return [record.kind, record.model ? modelKey(record.model) : '-', ...modes].join('\n');
}

/** The kept record that holds the same run as `record` (see {@link runIdentity}), if any. */
export function sameRunAs(records: readonly RunRecord[], record: RunRecord): RunRecord | undefined {
  const id = runIdentity(record);
  return records.find((r) => runIdentity(r) === id);
}

/** The numbers a run is listed with. */
export interface RunHeadline {
  /** The float model's test accuracy (NaN when the run has no labels). */
  floatAccuracy: number;
  modes: number;
  /** 'agreement': no labels, so the modes' numbers are their agreement with the float model, not accuracy. */
  scoredBy: 'accuracy' | 'agreement';
  /** The smallest file, if any mode was measured; with its agreement when scored by it. */
  smallest?: {
    mode: string;
    bytes: number;
    accuracy: number;
    /** Fraction of images whose top-1 class is the float model's. */
    top1Agreement?: number;
    /** Output SNR against the float model, dB (null: identical outputs). */
    snrDb?: number | null;
  };
}

export function runHeadline(record: Pick<RunRecord, 'report'>): RunHeadline {
  const { report } = record;
  const smallest = [...report.modes].sort((a, b) => a.bytes - b.bytes)[0];
  const agreement = smallest?.float_model_agreement;
  return {
    floatAccuracy: report.float.test_accuracy,
    modes: report.modes.length,
    scoredBy: scoredByAgreement(report) ? 'agreement' : 'accuracy',
    ...(smallest && {
      smallest: {
        mode: smallest.mode,
        bytes: smallest.bytes,
        accuracy: smallest.accuracy,
        ...(agreement && { top1Agreement: agreement.top1_agreement, snrDb: agreement.output_snr_db }),
      },
    }),
  };
}

/** Bytes a record holds: its files, the model's weights, the details' arrays, and its report as JSON. */
export function runBytes(record: RunRecord): number {
  let n = new TextEncoder().encode(JSON.stringify(record.report)).length;
  for (const f of Object.values(record.files)) n += f.byteLength;
  for (const w of record.model?.weights ?? []) n += w.values.byteLength;
  n += record.model?.testPredictions?.byteLength ?? 0;
  for (const d of Object.values(record.details ?? {})) {
    n += d.simulatedPredictions.byteLength + d.runtimePredictions.byteLength;
    for (const l of d.layers) n += l.float.byteLength + l.quantized.byteLength;
  }
  return n;
}

/** A stored value read back as a record, or undefined when it is not one of this version. */
export function readRunRecord(value: unknown): RunRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Partial<RunRecord>;
  if (r.version !== RUN_RECORD_VERSION || typeof r.id !== 'string' || typeof r.name !== 'string') return undefined;
  if (typeof r.createdAt !== 'number' || !r.report || !Array.isArray(r.report.modes) || !r.files) return undefined;
  return r as RunRecord;
}
