/**
 * Reads a model file from disk as the importer's input: the file itself, plus, for a TF.js
 * model.json, the .bin shards its weightsManifest names (looked up beside it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ModelFileInput } from '../import/read-model-file';

export function readModelFilesNode(path: string): ModelFileInput[] {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
  const main: ModelFileInput = { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
  if (!path.endsWith('.json')) return [main];
  let manifest: { weightsManifest?: { paths?: string[] }[] };
  try {
    manifest = JSON.parse(new TextDecoder().decode(main.bytes));
  } catch {
    throw new Error(`${path} is not JSON`);
  }
  const shards = (manifest.weightsManifest ?? []).flatMap((g) => g.paths ?? []);
  const found = shards.map((p) => join(dirname(path), p)).filter((p) => existsSync(p));
  return [main, ...found.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }))];
}
