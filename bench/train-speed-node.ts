import { loadMnistFromIdx } from '../src/node/mnist-node';
import { initBackend, type BackendName } from '../src/backends/select-backend';
import { DEFAULT_TRAIN_SETTINGS } from '../src/core/train/settings';
import { trainModel } from '../src/core/train/train';
import { loadFusedKernelsNode } from '../src/node/kernels-node';
import type { BenchRow, BenchSection } from './types';

const EPOCH_IMAGES = 60000;

interface Run {
  backend: BackendName;
  images: number;
  /** Measured seconds for `images` (batches only, no test evaluation). */
  seconds: number;
  testAccuracy: number;
}

/** Trains the tutorial CNN (batch 32, adam 0.001) on `images` training images and times the batches. */
async function timeTraining(backend: BackendName, images: number, evaluate: boolean, fused = false): Promise<Run> {
  const choice = await initBackend(backend);
  if (choice.name !== backend) throw new Error(`backend ${backend} unavailable: ${choice.reason}`);
  const data = loadMnistFromIdx();
  let seconds = NaN;
  const { model } = await trainModel(
    data,
    { ...DEFAULT_TRAIN_SETTINGS, trainLimit: images },
    {
      skipTestEvaluation: !evaluate,
      fusedKernels: fused ? loadFusedKernelsNode() : undefined,
      onProgress: (p) => {
        if (p.phase === 'epoch') seconds = p.epochTrainSeconds ?? NaN;
      },
    },
  );
  return { backend, images, seconds, testAccuracy: model.testAccuracy };
}

/**
 * Seconds per epoch (60,000 images, tutorial CNN, batch 32) for each backend available in Node,
 * and the speed-up over tfjs's plain CPU backend. The CPU backend runs a subset, extrapolated.
 */
export const trainSpeedNode: BenchSection = {
  id: 'train-node',
  title: 'Training speed in Node: tutorial CNN, 1 epoch = 60,000 images, batch 32, adam (fused step, tfjs ops)',
  async run({ quick }) {
    const wasmImages = quick ? 6400 : EPOCH_IMAGES;
    const cpuImages = quick ? 320 : 1600;
    const fused = await timeTraining('wasm', EPOCH_IMAGES, true, true);
    const wasm = await timeTraining('wasm', wasmImages, !quick);
    const cpu = await timeTraining('cpu', cpuImages, false);
    const perEpoch = (r: Run) => (r.seconds * EPOCH_IMAGES) / r.images;
    const note = (r: Run) =>
      r.images === EPOCH_IMAGES ? 'measured, full epoch' : `extrapolated from ${r.images} images`;
    const rows: BenchRow[] = [
      {
        label: 'wasm, fused SIMD step (kernels/cnn-train.ts)',
        value: perEpoch(fused),
        unit: 's/epoch',
        digits: 1,
        note: `${note(fused)}; test accuracy ${(fused.testAccuracy * 100).toFixed(2)}%`,
      },
      { label: 'fused step over tfjs ops', value: perEpoch(wasm) / perEpoch(fused), unit: 'x', digits: 2 },
      { label: 'wasm (tfjs-wasm + lab kernels)', value: perEpoch(wasm), unit: 's/epoch', digits: 1, note: note(wasm) },
      { label: 'cpu (tfjs plain JS)', value: perEpoch(cpu), unit: 's/epoch', digits: 1, note: note(cpu) },
      { label: 'wasm speed-up over cpu', value: perEpoch(cpu) / perEpoch(wasm), unit: 'x', digits: 1 },
      { label: 'wasm per batch', value: (wasm.seconds * 1000 * 32) / wasm.images, unit: 'ms', digits: 2 },
    ];
    if (!Number.isNaN(wasm.testAccuracy)) {
      rows.push({
        label: 'wasm test accuracy after 1 epoch',
        value: (wasm.testAccuracy * 100).toFixed(2),
        unit: '%',
        note: 'all 10,000 test images',
      });
    }
    return rows;
  },
};
