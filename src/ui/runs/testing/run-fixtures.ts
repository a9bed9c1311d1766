/** Small, made-up runs for the runs tests (shapes, not numbers the lab measured). */
import type { TrainedModel } from '../../../core/model/trained-model';
import type { MeasuredMode } from '../../../core/pipeline/measure-mode';
import type { LabReport, ModeReport } from '../../../core/report/report';

/** Bytes that pass for a .tflite file: the FlatBuffer identifier TFL3 at 4..8, then `fill`. */
export function fakeTflite(length: number, fill: number): Uint8Array {
  const b = new Uint8Array(length).fill(fill);
  b.set([0x54, 0x46, 0x4c, 0x33], 4);
  return b;
}

export function fakeModel(testAccuracy = 0.98): TrainedModel {
  return {
    preset: 'tutorial',
    seed: 7,
    weights: [{ name: 'dense_0/kernel', shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) }],
    history: [{ epoch: 1, loss: 0.1, accuracy: 0.97, testAccuracy, seconds: 3 }],
    testAccuracy,
    params: 4,
    trainSeconds: 3.25,
    backend: 'wasm',
  };
}

export function fakeEntry(mode: string, bytes: number, accuracy: number): ModeReport {
  return {
    mode,
    file: `mnist-tutorial-${mode}.tflite`,
    bytes,
    accuracy,
    accuracy_engine: 'LiteRT.js',
    latency: { median_ms: 0.25, p90_ms: 0.4, samples: 50 },
  };
}

export function fakeOutcome(mode: string, bytes: number, accuracy: number): MeasuredMode {
  return {
    entry: fakeEntry(mode, bytes, accuracy),
    bytes: fakeTflite(bytes, mode.length),
    layers: [
      { name: 'dense_0', float: Float32Array.from([1, 2]), quantized: Float32Array.from([1, 2]), storedAs: 'int8' },
    ],
    simulatedPredictions: Uint8Array.from([1, 2, 3]),
    runtimePredictions: Uint8Array.from([1, 2, 4]),
  };
}

export function fakeReport(outcomes: Record<string, MeasuredMode>, floatAccuracy = 0.98): LabReport {
  return {
    tool: 'quantization-lab',
    version: 1,
    created: '2026-01-02T03:04:05.000Z',
    preset: 'tutorial',
    seed: 7,
    settings: {},
    float: {
      test_accuracy: floatAccuracy,
      params: 4,
      train_seconds: 3,
      epochs: 1,
      train_images: 2000,
      backend: 'wasm',
    },
    modes: Object.values(outcomes).map((o) => o.entry),
  };
}
