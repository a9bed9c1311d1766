/** Which bytes go out under which name, for single downloads and the zip. */
import { tfliteFileName, zipFileName } from '../../core/eval/artifact-names';
import { zipArtifacts, type ArtifactFile } from '../../core/eval/zip';
import type { LabReport, ModeReport } from '../../core/report/report';

/**
 * The name a mode's .tflite file is saved under: the report's `file` (so downloads match what
 * report.json says), without any folder; a descriptive `mnist-<preset>-<mode>.tflite` if it is empty.
 */
export function modeFileName(report: Pick<LabReport, 'preset'>, mode: Pick<ModeReport, 'mode' | 'file'>): string {
  const base = mode.file.split(/[\\/]/).pop();
  return base || tfliteFileName(report.preset, mode.mode);
}

export interface CollectedArtifacts {
  /** In the report's mode order. */
  files: ArtifactFile[];
  /** Modes in the report with no bytes in this session. */
  missing: string[];
}

/** Pairs each report mode with its bytes from `files` (keyed by mode name). */
export function collectArtifacts(
  report: Pick<LabReport, 'preset' | 'modes'>,
  files: Record<string, Uint8Array>,
): CollectedArtifacts {
  const out: CollectedArtifacts = { files: [], missing: [] };
  for (const m of report.modes) {
    const bytes = files[m.mode];
    if (bytes) out.files.push({ name: modeFileName(report, m), bytes });
    else out.missing.push(m.mode);
  }
  return out;
}

/** The "Download all" zip of a report and its files: what the results panel and the runs panel export. */
export interface ResultsZip {
  bytes: Uint8Array;
  fileName: string;
  /** How many .tflite files went in. */
  count: number;
  missing: string[];
}

/** Every .tflite file of `report` that has bytes in `files`, plus report.json, zipped (throws on a bad name). */
export function resultsZip(report: LabReport, files: Record<string, Uint8Array>): ResultsZip {
  const { files: artifacts, missing } = collectArtifacts(report, files);
  return {
    bytes: zipArtifacts(artifacts, report),
    fileName: zipFileName(report.preset),
    count: artifacts.length,
    missing,
  };
}
