import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { errorMessage } from '../common/worker-job';
import { clearModel, loadModel, saveModel } from './model-store';

/** The trained model, kept in IndexedDB across visits. */
export interface SavedModel {
  trained?: TrainedModel;
  /** Replace the model (a finished training) and save it for the next visit. */
  keep: (model: TrainedModel) => void;
  /** Forget the model here and in IndexedDB. */
  forget: () => void;
  /** True once `forget` has deleted the stored copy (until a new model is kept). */
  forgotten: boolean;
  /** Which of reading, saving or deleting failed, if one did, and the browser's message. */
  storeError?: StoreError;
}

/** A failed IndexedDB action; `message` is the browser's own (English) text. */
export interface StoreError {
  action: 'read' | 'save' | 'delete';
  message: string;
}

/** Loads the saved model once on mount; `keep` and `forget` are stable. */
export function useSavedModel(): SavedModel {
  const [trained, setTrained] = useState<TrainedModel>();
  const [forgotten, setForgotten] = useState(false);
  const [storeError, setStoreError] = useState<StoreError>();
  useEffect(() => {
    loadModel()
      .then((stored) => stored && setTrained(stored.model))
      .catch((e: unknown) => setStoreError({ action: 'read', message: errorMessage(e) }));
  }, []);
  const keep = useCallback((model: TrainedModel) => {
    setTrained(model);
    setForgotten(false);
    saveModel(model).catch((e: unknown) => setStoreError({ action: 'save', message: errorMessage(e) }));
  }, []);
  const forget = useCallback(() => {
    setTrained(undefined);
    clearModel().then(
      () => setForgotten(true),
      (e: unknown) => setStoreError({ action: 'delete', message: errorMessage(e) }),
    );
  }, []);
  return useMemo(
    () => ({ trained, keep, forget, forgotten, storeError }),
    [trained, keep, forget, forgotten, storeError],
  );
}
