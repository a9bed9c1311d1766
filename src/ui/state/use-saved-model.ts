import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { errorMessage } from '../common/worker-job';
import { clearModel, loadModel, saveModel, type ModelSlot } from './model-store';

/** The trained model, kept in IndexedDB across visits. */
export interface SavedModel {
  trained?: TrainedModel;
  /** Replace the model (a finished training) and save it for the next visit. */
  keep: (model: TrainedModel) => void;
  /** Forget the model here and in IndexedDB. */
  forget: () => void;
  /** True once `forget` has deleted the stored copy (until a new model is kept). */
  forgotten: boolean;
  /** True while `trained` is the copy read back on load (a reload), false once a model is kept here. */
  restored: boolean;
  /** Which of reading, saving or deleting failed, if one did, and the browser's message. */
  storeError?: StoreError;
}

/** A failed IndexedDB action; `message` is the browser's own (English) text. */
export interface StoreError {
  action: 'read' | 'save' | 'delete';
  message: string;
}

/**
 * Loads the model saved in `slot` once on mount (a model kept before the read finishes wins); `keep` and
 * `forget` are stable.
 */
export function useSavedModel(slot: ModelSlot = 'current'): SavedModel {
  const [trained, setTrained] = useState<TrainedModel>();
  const [restored, setRestored] = useState(false);
  const [forgotten, setForgotten] = useState(false);
  const [storeError, setStoreError] = useState<StoreError>();
  const changed = useRef(false);
  useEffect(() => {
    loadModel(slot)
      .then((stored) => {
        if (!stored || changed.current) return;
        setTrained(stored.model);
        setRestored(true);
      })
      .catch((e: unknown) => setStoreError({ action: 'read', message: errorMessage(e) }));
  }, [slot]);
  const keep = useCallback(
    (model: TrainedModel) => {
      changed.current = true;
      setTrained(model);
      setRestored(false);
      setForgotten(false);
      saveModel(model, slot).catch((e: unknown) => setStoreError({ action: 'save', message: errorMessage(e) }));
    },
    [slot],
  );
  const forget = useCallback(() => {
    changed.current = true;
    setTrained(undefined);
    setRestored(false);
    clearModel(slot).then(
      () => setForgotten(true),
      (e: unknown) => setStoreError({ action: 'delete', message: errorMessage(e) }),
    );
  }, [slot]);
  return useMemo(
    () => ({ trained, keep, forget, forgotten, restored, storeError }),
    [trained, keep, forget, forgotten, restored, storeError],
  );
}
