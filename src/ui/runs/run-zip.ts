/**
 * Reading back a zip that "Download all" (or a run's export) wrote: report.json names each mode's file, and
 * every named file must be inside and be a .tflite file. Pure (fflate), so it is tested in Node; a zip that is
 * not one gives a reason the page turns into a sentence, and nothing is kept.
 */
import { unzipSync } from 'fflate';
import { REPORT_FILE_NAME } from '../../core/eval/zip';
import type { LabReport } from '../../core/report/report';
import { modeFileName } from '../results/artifact-files';
import { RUN_RECORD_VERSION, type RunRecord } from './run-record';

/** Why a zip is not a lab run (the i18n keys under `runs.importErrors`). */
export type RunZipProblem = 'notZip' | 'noReport' | 'notLabReport' | 'missingFile' | 'notTflite';

export type RunZipReading =
  | { ok: true; report: LabReport; files: Record<string, Uint8Array> }
  | { ok: false; problem: RunZipProblem; file?: string };

/** The TFLite FlatBuffer file identifier, at bytes 4..8. */
const TFLITE_IDENTIFIER = 'TFL3';

function isTflite(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === TFLITE_IDENTIFIER;
}

/**
 * A report of a model scored without labels writes its accuracies as null (JSON has no NaN): the float
 * model's `test_accuracy`, and each mode's `accuracy` beside its `float_model_agreement`.
 */
function isLabReport(value: unknown): value is LabReport {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<LabReport>;
  const unlabelled = Array.isArray(r.modes) && r.modes.some((m) => m?.float_model_agreement);
  const accuracy = (a: unknown) => typeof a === 'number' || (unlabelled && a === null);
  return (
    r.tool === 'quantization-lab' &&
    r.version === 1 &&
    typeof r.preset === 'string' &&
    accuracy(r.float?.test_accuracy) &&
    Array.isArray(r.modes) &&
    r.modes.every(
      (m) =>
        typeof m?.mode === 'string' &&
        typeof m.bytes === 'number' &&
        (typeof m.accuracy === 'number' || (m.accuracy === null && !!m.float_model_agreement)),
    )
  );
}

/** The report as the lab holds it: the nulls JSON wrote for no accuracy read back as NaN. */
function withNaNs(report: LabReport): LabReport {
  const nan = (a: number | null) => a ?? Number.NaN;
  return {
    ...report,
    float: { ...report.float, test_accuracy: nan(report.float.test_accuracy) },
    modes: report.modes.map((m) => ({ ...m, accuracy: nan(m.accuracy) })),
  };
}

/** Reads a lab zip: its report and the .tflite bytes by mode name. */
export function readRunZip(zip: Uint8Array): RunZipReading {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return { ok: false, problem: 'notZip' };
  }
  const json = entries[REPORT_FILE_NAME];
  if (!json) return { ok: false, problem: 'noReport' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(json));
  } catch {
    return { ok: false, problem: 'notLabReport' };
  }
  if (!isLabReport(parsed)) return { ok: false, problem: 'notLabReport' };
  const report = withNaNs(parsed);
  const files: Record<string, Uint8Array> = {};
  for (const m of report.modes) {
    const name = modeFileName(report, m);
    const bytes = entries[name];
    if (!bytes) return { ok: false, problem: 'missingFile', file: name };
    if (!isTflite(bytes)) return { ok: false, problem: 'notTflite', file: name };
    files[m.mode] = bytes;
  }
  return { ok: true, report, files };
}

/** The run an imported zip becomes (no settings, model or details: the zip holds only report.json and the files). */
export function importedRunRecord(
  reading: Extract<RunZipReading, { ok: true }>,
  id: string,
  createdAt: number,
  name: string,
): RunRecord {
  return {
    version: RUN_RECORD_VERSION,
    id,
    name,
    createdAt,
    kind: 'imported',
    report: reading.report,
    files: reading.files,
  };
}
