/**
 * Every mode of a model whose inputs are not MNIST, on images without labels (the user's own): each
 * file is calibrated on the images (a few at a time, see calibrationChunkSize), written, run by the
 * runtime, and scored by its agreement with the float model (top-1 agreement, output SNR in dB) in
 * report.json's `float_model_agreement`; `accuracy` is null (NaN) because there are no labels.
 */
import { gzipBytes } from '../compress/gzip-size';
import { agreementAccumulator, agreementReport } from '../eval/output-agreement';
import type { ModelWeights } from '../model/trained-model';
import type { QuantMode } from '../modes/lab-modes';
import type { RecipeSettings } from '../quant/recipe';
import type { ModeReport } from '../report/report';
import { convertModel } from './convert';
import { modeReportEntry } from './measure-mode';

/** The runtime's outputs for `count` images and how long each run took (ms). */
export interface RuntimeOutputs {
  outputs: Float32Array;
  msPerImage: number[];
  engine: string;
}

/** Images without labels, [count, ...shape] floats as the model takes them (src/core/import/npy.ts reads them). */
export interface UnlabelledImages {
  count: number;
  shape: number[];
  values: Float32Array;
}

export const UNLABELLED_ENGINE = 'no labels: scored by agreement with the float model (float_model_agreement)';

function latency(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { medianMs: at(0.5), p90Ms: at(0.9), samples: s.length };
}

/**
 * Converts `model` into each mode and scores every file against `reference` (the float model's outputs
 * on the same images, [count, classes]). Yields each mode's report entry and file as it is done.
 */
export async function* runUnlabelledModes(
  model: ModelWeights,
  images: UnlabelledImages,
  reference: Float32Array,
  modes: readonly QuantMode[],
  recipe: RecipeSettings,
  run: (bytes: Uint8Array, inputs: Float32Array, count: number) => Promise<RuntimeOutputs>,
): AsyncGenerator<{ entry: ModeReport; bytes: Uint8Array }> {
  const classes = reference.length / images.count;
  for (const mode of modes) {
    const converted = convertModel(
      model,
      { ...recipe, mode, calibrationSamples: Math.min(recipe.calibrationSamples, images.count) },
      images.values,
    );
    const started = Date.now();
    const ran = await run(converted.bytes, images.values, images.count);
    const acc = agreementAccumulator(classes);
    acc.add(reference, ran.outputs);
    const entry = modeReportEntry(
      {
        mode,
        file: `${mode}.tflite`,
        size: converted.bytes.length,
        gzipSize: gzipBytes(converted.bytes),
        recipe: converted.recipe,
        convertSeconds: converted.convertSeconds,
      },
      { accuracy: Number.NaN, engine: UNLABELLED_ENGINE, latency: latency(ran.msPerImage) },
      { runtimeSeconds: (Date.now() - started) / 1000, floatAgreement: agreementReport(acc.result(), ran.engine) },
    );
    yield { entry, bytes: converted.bytes };
  }
}
