import { useCallback, useEffect, useRef, useState } from 'react';
import { runtimeBridge } from '../lab-client';

/** One exported file to classify with. */
export interface DrawModel {
  mode: string;
  bytes: Uint8Array;
}

/** What one file said about the drawing: probabilities [10], or why it failed. */
export type DrawPrediction =
  { status: 'pending' } | { status: 'done'; probabilities: Float32Array } | { status: 'error'; message: string };

/**
 * Classifies a preprocessed drawing ([784] in [0, 1]) with every model in the TFLite runtime
 * worker. A newer drawing supersedes older answers; a new set of models re-classifies the last drawing.
 */
export function useDrawPredictions(models: DrawModel[]) {
  const [predictions, setPredictions] = useState<Record<string, DrawPrediction>>({});
  const generation = useRef(0);
  const lastImage = useRef<Float32Array>(undefined);
  // Callers may pass a fresh array on every render; only a change of files counts.
  const current = useRef(models);

  const predict = useCallback((image: Float32Array) => {
    lastImage.current = image;
    const gen = ++generation.current;
    const files = current.current;
    setPredictions(Object.fromEntries(files.map((m) => [m.mode, { status: 'pending' }])));
    const settle = (mode: string, p: DrawPrediction) => {
      if (gen === generation.current) setPredictions((all) => ({ ...all, [mode]: p }));
    };
    // The bridge runs calls one after another; each file's compiled model is cached in the worker.
    for (const m of files) {
      runtimeBridge
        .run((api) => api.predict(m.bytes, image))
        .then(
          (probabilities) => settle(m.mode, { status: 'done', probabilities }),
          (e: Error) => settle(m.mode, { status: 'error', message: e.message }),
        );
    }
  }, []);

  const reset = useCallback(() => {
    generation.current++;
    lastImage.current = undefined;
    setPredictions({});
  }, []);

  // New files (a new quantization run): classify the drawing that is on screen again.
  useEffect(() => {
    if (sameModels(current.current, models)) return;
    current.current = models;
    if (lastImage.current) predict(lastImage.current);
  }, [models, predict]);

  return { predictions, predict, reset };
}

function sameModels(a: DrawModel[], b: DrawModel[]): boolean {
  return a.length === b.length && a.every((m, i) => m.mode === b[i].mode && m.bytes === b[i].bytes);
}
