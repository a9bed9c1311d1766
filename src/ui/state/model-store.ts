import type { TrainedModel } from '../../core/model/trained-model';

/** IndexedDB persistence of the trained model (weights, settings, metrics), so a reload keeps it. */
const DB_NAME = 'quantization-lab';
const STORE = 'models';

/**
 * Which model a record is: 'current' is the lab's model (trained, compressed or an MNIST import);
 * 'unlabelled' is an imported model whose input is not MNIST, quantized on the user's images beside it.
 */
export type ModelSlot = 'current' | 'unlabelled';

export interface StoredModel {
  model: TrainedModel;
  savedAt: number;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is unavailable'));
  });
}

async function withStore<R>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<R> {
  const db = await openDb();
  try {
    return await new Promise<R>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as R);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  } finally {
    db.close();
  }
}

export function saveModel(model: TrainedModel, slot: ModelSlot = 'current'): Promise<void> {
  const record: StoredModel = { model, savedAt: Date.now() };
  return withStore('readwrite', (s) => s.put(record, slot));
}

export async function loadModel(slot: ModelSlot = 'current'): Promise<StoredModel | undefined> {
  return withStore<StoredModel | undefined>('readonly', (s) => s.get(slot));
}

export function clearModel(slot: ModelSlot = 'current'): Promise<void> {
  return withStore('readwrite', (s) => s.delete(slot));
}
