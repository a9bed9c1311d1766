/** IndexedDB persistence of the lab's runs (run-record.ts says what a run holds), through `idb`. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readRunRecord, sameRunAs, type RunRecord } from './run-record';

/** Its own database: the trained model's ('quantization-lab', model-store.ts) keeps its version. */
const DB_NAME = 'quantization-lab-runs';
const STORE = 'runs';

interface RunsDb extends DBSchema {
  runs: { key: string; value: RunRecord };
}

let db: Promise<IDBPDatabase<RunsDb>> | undefined;

function open(): Promise<IDBPDatabase<RunsDb>> {
  db ??= openDB<RunsDb>(DB_NAME, 1, {
    upgrade: (d) => {
      d.createObjectStore(STORE, { keyPath: 'id' });
    },
  }).catch((e: unknown) => {
    db = undefined;
    throw e;
  });
  return db;
}

/** Every stored run of this version, newest first. */
export async function listRuns(): Promise<RunRecord[]> {
  const all = await (await open()).getAll(STORE);
  return all.flatMap((v) => readRunRecord(v) ?? []).sort((a, b) => b.createdAt - a.createdAt);
}

export async function putRun(record: RunRecord): Promise<void> {
  await (await open()).put(STORE, record);
}

/**
 * Keeps `record` unless the store already holds the same run (run-record.ts runIdentity), checked and written in
 * one transaction so two quick saves of the same results keep one. Says whether it was written.
 */
export async function keepRun(record: RunRecord): Promise<boolean> {
  const tx = (await open()).transaction(STORE, 'readwrite');
  const kept = (await tx.store.getAll()).flatMap((v) => readRunRecord(v) ?? []);
  const written = !sameRunAs(kept, record);
  if (written) await tx.store.put(record);
  await tx.done;
  return written;
}

export async function deleteRun(id: string): Promise<void> {
  await (await open()).delete(STORE, id);
}

/** Renames a run; an unknown id does nothing. */
export async function renameRun(id: string, name: string): Promise<void> {
  const d = await open();
  const tx = d.transaction(STORE, 'readwrite');
  const r = await tx.store.get(id);
  if (r) await tx.store.put({ ...r, name });
  await tx.done;
}

/** The origin's storage as the browser reports it (bytes), when it does. */
export async function storageEstimate(): Promise<{ usage?: number; quota?: number }> {
  if (!navigator.storage?.estimate) return {};
  const { usage, quota } = await navigator.storage.estimate();
  return { usage, quota };
}
