import { useCallback, useMemo } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { isQuantMode } from '../../core/modes/lab-modes';
import { qatSettingsFor } from '../../core/qat/qat-settings';
import type { QuantRecipe } from '../../core/quant/recipe';
import type { QatRun } from '../qat/use-qat';
import { convertJob, type Quantization } from '../quant/use-quantization';
import { recipeFor, type LabState } from '../state/lab-state';
import type { SavedModel } from '../state/use-saved-model';
import type { LabActions } from './lab-session';

/** The lab's actions over the saved model, the quantization run and QAT, under the settings `lab`. */
export function useLabActions(lab: LabState, saved: SavedModel, quant: Quantization, qat: QatRun): LabActions {
  const { trained, keep, forget } = saved;
  const { reset, quantize, runJobs } = quant;
  const { run: runQatJob } = qat;
  const onTrained = useCallback(
    (model: TrainedModel) => {
      keep(model);
      reset();
    },
    [keep, reset],
  );
  const onReset = useCallback(() => {
    forget();
    reset();
  }, [forget, reset]);
  const { train, qat: qatUi, quant: quantSettings } = lab;
  const runQat = useCallback(
    async () => (trained ? runQatJob(trained, qatSettingsFor(qatUi, train), train.workers) : undefined),
    [trained, runQatJob, train, qatUi],
  );
  const quantizeModes = useCallback(
    async (modes: readonly string[]) => {
      if (!trained) return;
      await quantize(trained, modes.filter(isQuantMode), (m) => recipeFor(quantSettings, m));
      if (modes.includes('qat')) await runQat();
    },
    [trained, quantize, quantSettings, runQat],
  );
  const exportMixed = useCallback(
    async (mode: string, recipe: QuantRecipe) =>
      trained ? runJobs(trained, [{ mode, convert: convertJob(trained, recipe) }]) : undefined,
    [trained, runJobs],
  );
  return useMemo(
    () => ({ onTrained, onReset, quantizeModes, runQat, exportMixed }),
    [onTrained, onReset, quantizeModes, runQat, exportMixed],
  );
}
