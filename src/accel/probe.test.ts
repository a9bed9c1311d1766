import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { initBackend } from '../backends/select-backend';
it('probe speed', async () => {
  for (const b of ['wasm'] as const) {
    await initBackend(b);
    const n = 8_000_000;
    const xf = tf.randomUniform([n / 16, 16], -1000, 1000);
    const xi = tf.cast(xf, 'int32');
    const c = tf.randomUniform([16], 0.1, 0.2);
    const ci = tf.tensor1d(Array.from({ length: 16 }, (_, i) => 1000 + i), 'int32');
    const time = (name: string, f: () => tf.Tensor) => {
      f().dispose();
      const t = performance.now();
      for (let k = 0; k < 5; k++) f().dispose();
      console.log(b, name, (((performance.now() - t) / 5 / n) * 1e6).toFixed(3), 'ns/elem');
    };
    time('mul f32 bcast', () => tf.mul(xf, c));
    time('add f32 scalar', () => tf.add(xf, 0.5));
    time('floor', () => tf.floor(xf));
    time('mul i32 bcast', () => tf.mul(xi, ci));
    time('add i32', () => tf.add(xi, xi));
    time('and i32', () => tf.bitwiseAnd(xi, tf.fill(xi.shape, 4095, 'int32') as tf.Tensor));
    time('cast i->f', () => tf.cast(xi, 'float32'));
    time('cast f->i', () => tf.cast(xf, 'int32'));
    time('clip f', () => tf.clipByValue(xf, -128, 127));
    time('sign', () => tf.sign(xf));
    time('round', () => tf.round(xf));
    time('minimum i32', () => tf.minimum(xi, tf.scalar(5, 'int32')));
  }
});
