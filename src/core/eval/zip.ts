/** Packs the lab's artifacts (.tflite files and report.json) into one zip, in memory. */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { LabReport } from '../report/report';

export interface ArtifactFile {
  /** Name inside the zip, e.g. "mnist-tutorial-int8.tflite"; no folders. */
  name: string;
  bytes: Uint8Array;
}

export const REPORT_FILE_NAME = 'report.json';

/**
 * Zip holding `report.json` (pretty-printed) and every file, at the zip's top level. Deflate level
 * 6 (zlib's default). Entry times come from `report.created` so the same run zips to the same bytes.
 * Throws on duplicate or nested names, since either would silently lose or misplace a file.
 */
export function zipArtifacts(files: ArtifactFile[], report: LabReport): Uint8Array {
  const entries: Zippable = { [REPORT_FILE_NAME]: strToU8(`${JSON.stringify(report, null, 2)}\n`) };
  for (const f of files) {
    if (f.name === '' || /[\\/]/.test(f.name)) throw new Error(`zipArtifacts: bad file name "${f.name}"`);
    if (f.name in entries) throw new Error(`zipArtifacts: duplicate file name "${f.name}"`);
    entries[f.name] = f.bytes;
  }
  return zipSync(entries, { level: 6, mtime: zipTime(report.created) });
}

/** Zip (DOS) timestamps cannot go below 1980; fall back to that for a missing or odd date. */
function zipTime(iso: string): Date {
  const t = Date.parse(iso);
  const min = Date.UTC(1980, 0, 2);
  return new Date(Number.isFinite(t) && t > min ? t : min);
}
