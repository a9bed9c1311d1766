/** The generated TFLite Micro sources as one zip (what the page offers for download). */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { CSourceFiles } from './c-source';

/** Zips the three files at the top level; `mtime` fixes the entry times so the same input zips the same. */
export function zipCSource(source: CSourceFiles, mtime = new Date(Date.UTC(2024, 0, 1))): Uint8Array {
  const entries: Zippable = {};
  for (const [name, text] of Object.entries(source.files)) entries[name] = strToU8(text);
  return zipSync(entries, { level: 6, mtime });
}
