import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantRecipe } from '../../core/quant/recipe';
import { useWorkerJob } from '../common/use-worker-job';
import { labBridge } from '../lab-client';
import { toggleKeepFloat, type LayerAnalysis } from './debugger-model';

/** The per-layer analysis and the layers kept in float, shared by the debugger and the graph view. */
export type LayerAnalysisHandle = ReturnType<typeof useLayerAnalysis>;

/**
 * Runs the per-layer comparison in the lab worker and keeps the learner's choice of float layers.
 * A new model cancels the analysis and clears the choice.
 */
export function useLayerAnalysis(trained: TrainedModel | undefined) {
  const { state, run, reset } = useWorkerJob<never, LayerAnalysis>();
  const [keepFloat, setKeepFloat] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    reset();
    setKeepFloat(new Set());
  }, [trained, reset]);

  const analyse = useCallback(
    (recipe: QuantRecipe, samples: number) => {
      if (!trained) return;
      setKeepFloat(new Set());
      const plain = { ...recipe, keepFloat: undefined };
      void run(async (ctx) => {
        const rows = await labBridge.run((api) => api.layerErrors(trained, plain, samples), ctx.signal);
        return { mode: recipe.mode, samples, rows };
      });
    },
    [trained, run],
  );
  const toggle = useCallback((name: string, on: boolean) => setKeepFloat((s) => toggleKeepFloat(s, name, on)), []);
  return useMemo(
    () => ({ state, keepFloat, analyse, toggle, cancel: reset }),
    [state, keepFloat, analyse, toggle, reset],
  );
}
