/**
 * `npm run bench -- --only=train-profile`: where a training step's time goes, per tfjs kernel
 * (tf.profile on tfjs-wasm in Node, the lab's kernels registered), for a whole batch of 32 and for
 * the half batch (16) each of two data-parallel workers computes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backends/select-backend';
import { buildModel } from '../src/core/model/build-model';
import { PRESETS } from '../src/core/model/presets';
import { makeBatch } from '../src/core/train/batches';
import { FusedAdam } from '../src/core/train/fused-adam';
import { categoricalCrossEntropy } from '../src/core/train/train';
import { loadMnistFromIdx } from '../src/node/mnist-node';
import type { BenchRow, BenchSection } from './types';

const PROFILED_STEPS = 50;

export const trainProfileNode: BenchSection = {
  id: 'train-profile',
  title: 'Training step profile in Node (tfjs-wasm + lab kernels): tutorial CNN, per kernel',
  async run({ quick }) {
    await initBackend('wasm');
    const data = loadMnistFromIdx();
    const model = buildModel(PRESETS.tutorial, 1);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const adam = new FusedAdam(0.001);
    const rows: BenchRow[] = [];
    try {
      for (const batch of [32, 16]) {
        const step = (k: number) => {
          const indices = Uint32Array.from({ length: batch }, (_, i) => (k * batch + i) % data.train.count);
          const { images, oneHot } = makeBatch(data.train, indices);
          tf.tidy(() => {
            const x = tf.tensor4d(images, [batch, 28, 28, 1]);
            const y = tf.tensor2d(oneHot, [batch, 10]);
            const { grads } = tf.variableGrads(
              () => categoricalCrossEntropy(model.apply(x, { training: true }) as tf.Tensor, y),
              variables,
            );
            adam.applyGradients(
              variables,
              variables.map((v) => grads[v.name]),
            );
          });
        };
        for (let k = 0; k < 20; k++) step(k);
        const steps = quick ? 50 : 200;
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        for (let k = 0; k < steps; k++) step(k);
        const perStep = (performance.now() - started) / steps;
        const cpu = process.cpuUsage(cpuStarted);
        rows.push({
          label: `batch ${batch}: one step`,
          value: perStep,
          unit: 'ms',
          digits: 2,
          note: `${((perStep * 60000) / batch / 1000).toFixed(1)} s per 60,000 images on one thread`,
        });
        // CPU time of this process (all its threads): less sensitive than wall time to other load on the machine.
        rows.push({
          label: `batch ${batch}: one step, CPU time`,
          value: (cpu.user + cpu.system) / 1000 / steps,
          unit: 'ms',
          digits: 2,
          note: `${((((cpu.user + cpu.system) / 1000 / steps) * (60000 / batch)) / 1000).toFixed(1)} s of CPU per 60,000 images`,
        });
        const totals = new Map<string, number>();
        const profile = await tf.profile(() => {
          for (let k = 0; k < PROFILED_STEPS; k++) step(k);
        });
        for (const k of profile.kernels) totals.set(k.name, (totals.get(k.name) ?? 0) + Number(k.kernelTimeMs));
        const sum = [...totals.values()].reduce((a, b) => a + b, 0);
        for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 10))
          rows.push({
            label: `  ${name}`,
            value: ms / PROFILED_STEPS,
            unit: 'ms/step',
            digits: 3,
            note: `${((100 * ms) / sum).toFixed(1)}% of kernel time`,
          });
      }
    } finally {
      adam.dispose();
      model.dispose();
    }
    return rows;
  },
};
