/**
 * What the panels read from the results cache: the report (report.json and the table), the files
 * to download and the models to draw with. Derived, never stored twice; pure, tested in Node.
 */
import type { DeployCheck } from '../../core/deploy/deploy-check';
import { toDeployReport } from '../../core/deploy/deploy-report';
import type { TrainedModel } from '../../core/model/trained-model';
import { buildReport } from '../../core/report/build-report';
import type { LabReport, ModeReport } from '../../core/report/report';
import type { LabState } from '../state/lab-state';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import type { InspectedFile } from '../state/results-cache';

/** MNIST's training split: the most images training can use. */
const MNIST_TRAIN_IMAGES = 60000;

/**
 * The lab report: the trained model, the settings, and every measured mode then every inspected file, each with
 * its deployment check for the chosen target (report.json's `deploy`, as the CLI's `--target` writes it), taken
 * from `checks` (deploy-checks.ts: computed once, shared with the deployment panel).
 */
export function labReport(
  trained: TrainedModel,
  lab: Pick<LabState, 'train' | 'quant' | 'qat'>,
  outcomes: Record<string, MeasuredMode>,
  inspected: Record<string, InspectedFile>,
  checks: Record<string, DeployCheck>,
): LabReport {
  // A file the deployment check could not read has no check and still belongs in the report.
  const withDeploy = ({ entry }: { entry: ModeReport }): ModeReport => {
    const check = checks[entry.mode];
    return check ? { ...entry, deploy: toDeployReport(check) } : entry;
  };
  return buildReport(
    trained,
    { ...lab.train, quantization: lab.quant, qat: lab.qat },
    [...Object.values(outcomes), ...Object.values(inspected)].map(withDeploy),
    Math.min(lab.train.trainLimit, MNIST_TRAIN_IMAGES),
  );
}

/** The .tflite bytes by mode name, the lab's own files first. */
export function resultFiles(
  outcomes: Record<string, MeasuredMode>,
  inspected: Record<string, InspectedFile>,
): Record<string, Uint8Array> {
  return Object.fromEntries([
    ...Object.entries(outcomes).map(([m, o]) => [m, o.bytes]),
    ...Object.entries(inspected).map(([m, i]) => [m, i.bytes]),
  ]);
}

/** The lab's own files, in the order they were measured, then the inspected files, for the drawing panel. */
export function drawModels(
  outcomes: Record<string, MeasuredMode>,
  inspected: Record<string, InspectedFile> = {},
): { mode: string; bytes: Uint8Array }[] {
  return [...Object.entries(outcomes), ...Object.entries(inspected)].map(([mode, o]) => ({ mode, bytes: o.bytes }));
}

/**
 * The measured modes, then the inspected files that carry predictions, as the confusion matrix takes them
 * (an inspected file has no simulation and no weight layers).
 */
export function comparedModes(
  outcomes: Record<string, MeasuredMode>,
  inspected: Record<string, InspectedFile>,
): Record<string, MeasuredMode> {
  const files = Object.entries(inspected).flatMap(([mode, f]): [string, MeasuredMode][] =>
    f.predictions
      ? [
          [
            mode,
            {
              entry: f.entry,
              bytes: f.bytes,
              layers: [],
              simulatedPredictions: new Uint8Array(0),
              runtimePredictions: f.predictions,
            },
          ],
        ]
      : [],
  );
  return files.length === 0 ? outcomes : { ...outcomes, ...Object.fromEntries(files) };
}
