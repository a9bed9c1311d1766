import { useCallback, useMemo } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantRecipe } from '../../core/quant/recipe';
import type { LabActions } from '../session/lab-session';
import type { Runs } from './use-runs';

/** The lab's actions, each telling the runs when it finished so the run is kept. */
export function useRecordedActions(actions: LabActions, markFinished: Runs['markFinished']): LabActions {
  const { onTrained: trained, quantizeModes: quantize, runQat: qat, exportMixed: mixed, onReset } = actions;
  const onTrained = useCallback(
    (model: TrainedModel) => {
      trained(model);
      markFinished('training');
    },
    [trained, markFinished],
  );
  const quantizeModes = useCallback(
    async (modes: readonly string[]) => {
      await quantize(modes);
      markFinished('quantization');
    },
    [quantize, markFinished],
  );
  const runQat = useCallback(async () => {
    await qat();
    markFinished('quantization');
  }, [qat, markFinished]);
  const exportMixed = useCallback(
    async (mode: string, recipe: QuantRecipe) => {
      await mixed(mode, recipe);
      markFinished('quantization');
    },
    [mixed, markFinished],
  );
  return useMemo(
    () => ({ onTrained, onReset, quantizeModes, runQat, exportMixed }),
    [onTrained, onReset, quantizeModes, runQat, exportMixed],
  );
}
