import { useCallback, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { LabReport } from '../../core/report/report';
import type { LabState } from '../state/lab-state';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import {
  addInspected,
  addOutcome,
  EMPTY_RESULTS,
  outcomesFor,
  restoreOutcomes,
  type InspectedFile,
} from '../state/results-cache';
import { checksByMode, deployChecks, type DeployOutcome } from './deploy-checks';
import { comparedModes, drawModels, labReport, resultFiles } from './lab-results';

/** The results of the current model, their derived views, and stable ways to add to them. */
export interface LabResults {
  outcomes: Record<string, MeasuredMode>;
  report?: LabReport;
  files: Record<string, Uint8Array>;
  /** Every file's deployment check for the chosen target, in the files' order (the report's `deploy` is from these). */
  deploy: DeployOutcome[];
  drawModels: { mode: string; bytes: Uint8Array }[];
  /** The modes and the inspected files, for the confusion matrix. */
  compared: Record<string, MeasuredMode>;
  addOutcome: (model: TrainedModel, mode: string, outcome: MeasuredMode) => void;
  addInspected: (file: InspectedFile) => void;
  /** Put back the results of `model` a kept run holds (after a reload). */
  restore: (model: TrainedModel, modes: Record<string, MeasuredMode>) => void;
}

/** Holds the results cache and derives what the panels show for `trained` under the settings `lab`. */
export function useLabResults(trained: TrainedModel | undefined, lab: LabState): LabResults {
  const [cache, setCache] = useState(EMPTY_RESULTS);
  const add = useCallback(
    (model: TrainedModel, mode: string, outcome: MeasuredMode) => setCache((c) => addOutcome(c, model, mode, outcome)),
    [],
  );
  const inspect = useCallback((file: InspectedFile) => setCache((c) => addInspected(c, file)), []);
  const restore = useCallback(
    (model: TrainedModel, modes: Record<string, MeasuredMode>) => setCache((c) => restoreOutcomes(c, model, modes)),
    [],
  );
  const outcomes = outcomesFor(cache, trained);
  const { train, quant, qat, deployTarget } = lab;
  const files = useMemo(() => resultFiles(outcomes, cache.files), [outcomes, cache.files]);
  const deploy = useMemo(() => deployChecks(files, deployTarget), [files, deployTarget]);
  const report = useMemo(
    () => trained && labReport(trained, { train, quant, qat }, outcomes, cache.files, checksByMode(deploy)),
    [trained, train, quant, qat, outcomes, cache.files, deploy],
  );
  const models = useMemo(() => drawModels(outcomes, cache.files), [outcomes, cache.files]);
  const compared = useMemo(() => comparedModes(outcomes, cache.files), [outcomes, cache.files]);
  return useMemo(
    () => ({
      outcomes,
      report,
      files,
      deploy,
      drawModels: models,
      compared,
      addOutcome: add,
      addInspected: inspect,
      restore,
    }),
    [outcomes, report, files, deploy, models, compared, add, inspect, restore],
  );
}
