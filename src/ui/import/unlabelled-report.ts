/**
 * report.json of a quantization run of a model whose input is not MNIST, as the CLI writes it for the same
 * model (src/core/report: buildReport with unlabelledSettings): what "Download all" zips and what a run keeps.
 */
import { INPUT_RANGE_IDS } from '../../core/import/calibration-pixels';
import type { TrainedModel } from '../../core/model/trained-model';
import { isQuantMode } from '../../core/modes/lab-modes';
import type { LabReport } from '../../core/report/report';
import { buildReport, unlabelledSettings } from '../../core/report/build-report';
import { modelKey, scoredByAgreement, type RunRecord } from '../runs/run-record';
import type { UnlabelledResults } from './use-unlabelled-quantization';

/** The report of `results`: the modes done, in the run's order; the files by mode. */
export function unlabelledReport(
  results: UnlabelledResults,
  created = new Date(),
): { report: LabReport; files: Record<string, Uint8Array> } {
  const done = results.modes.flatMap((mode) => results.done[mode] ?? []);
  const settings = unlabelledSettings(results.model.source?.file ?? 'imported', results.images, results.range);
  return {
    report: buildReport(
      results.model,
      settings,
      done.map((d) => d.entry),
      0,
      created,
    ),
    files: Object.fromEntries(done.map((d) => [d.entry.mode, d.bytes])),
  };
}

/**
 * The results of the newest kept run of `model` scored without labels (`runs` newest first, as the runs list
 * holds them), as the page shows them after a run: what the import panel shows again after a reload, when
 * the images are gone. Undefined when no kept run is of this model.
 */
export function keptUnlabelledResults(runs: readonly RunRecord[], model: TrainedModel): UnlabelledResults | undefined {
  const record = runs.find(
    (r) =>
      r.kind === 'quantization' &&
      r.model !== undefined &&
      modelKey(r.model) === modelKey(model) &&
      r.model.source?.file === model.source?.file &&
      scoredByAgreement(r.report),
  );
  if (!record) return undefined;
  const entries = record.report.modes.filter((e) => isQuantMode(e.mode) && record.files[e.mode]);
  const settings = record.report.settings;
  const range = INPUT_RANGE_IDS.find((id) => id === settings.input_range) ?? INPUT_RANGE_IDS[0]!;
  return {
    model,
    modes: entries.map((e) => e.mode as UnlabelledResults['modes'][number]),
    images: typeof settings.calibration_images === 'number' ? settings.calibration_images : 0,
    range,
    done: Object.fromEntries(entries.map((e) => [e.mode, { entry: e, bytes: record.files[e.mode]! }])),
    errors: {},
  };
}
