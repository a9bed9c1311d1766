/** IndexedDB persistence of the lab's runs (run-record.ts says what a run holds), through `idb`. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { readRunRecord, type RunRecord } from './run-record';

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
