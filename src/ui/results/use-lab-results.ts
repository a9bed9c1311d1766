import { useCallback, useMemo, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { LabReport, ModeReport } from '../../core/report/report';
import type { LabState } from '../state/lab-state';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { addInspected, addOutcome, EMPTY_RESULTS, outcomesFor } from '../state/results-cache';
import { drawModels, labReport, resultFiles } from './lab-results';

/** The results of the current model, their derived views, and stable ways to add to them. */
export interface LabResults {
  outcomes: Record<string, MeasuredMode>;
  report?: LabReport;
  files: Record<string, Uint8Array>;
  drawModels: { mode: string; bytes: Uint8Array }[];
  addOutcome: (model: TrainedModel, mode: string, outcome: MeasuredMode) => void;
  addInspected: (entry: ModeReport, bytes: Uint8Array) => void;
}

/** Holds the results cache and derives what the panels show for `trained` under the settings `lab`. */
export function useLabResults(trained: TrainedModel | undefined, lab: LabState): LabResults {
  const [cache, setCache] = useState(EMPTY_RESULTS);
  const add = useCallback(
    (model: TrainedModel, mode: string, outcome: MeasuredMode) => setCache((c) => addOutcome(c, model, mode, outcome)),
    [],
  );
  const inspect = useCallback(
    (entry: ModeReport, bytes: Uint8Array) => setCache((c) => addInspected(c, { entry, bytes })),
    [],
  );
  const outcomes = outcomesFor(cache, trained);
  const { train, quant, qat } = lab;
  const report = useMemo(
    () => trained && labReport(trained, { train, quant, qat }, outcomes, cache.files),
    [trained, train, quant, qat, outcomes, cache.files],
  );
  const files = useMemo(() => resultFiles(outcomes, cache.files), [outcomes, cache.files]);
  const models = useMemo(() => drawModels(outcomes), [outcomes]);
  return useMemo(
    () => ({ outcomes, report, files, drawModels: models, addOutcome: add, addInspected: inspect }),
    [outcomes, report, files, models, add, inspect],
  );
}
