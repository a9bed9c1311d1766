import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { initBackend } from '../backends/select-backend';
it('probe', async () => {
  for (const b of ['wasm', 'cpu'] as const) {
    await initBackend(b);
    const big = [2 ** 30 + 12345, -(2 ** 30) - 12347, 2 ** 25 + 1, -(2 ** 25) - 3, 7, -7];
    const x = tf.tensor1d(big, 'int32');
    const fd = tf.floorDiv(x, tf.scalar(2, 'int32'));
    const fd2 = tf.floorDiv(x, tf.tensor1d([2, 4, 2, 2, 2, 2], 'int32'));
    const mul = tf.mul(tf.tensor1d([40000, -40000], 'int32'), tf.tensor1d([40000, 50000], 'int32'));
    const add = tf.add(x, x);
    const cmp = tf.less(x, tf.scalar(0, 'int32'));
    const ba = tf.bitwiseAnd(x, tf.fill([6], 1023, 'int32') as tf.Tensor1D);
    const cast = tf.cast(tf.tensor1d([16777216, -3.0, 1e9]), 'int32');
    const rnd = tf.round(tf.tensor1d([0.5, 1.5, 2.5, -0.5, -1.5]));
    console.log(b, fd.dtype, Array.from(fd.dataSync()), 'exp', big.map((v) => Math.floor(v / 2)));
    console.log(b, 'fd2', Array.from(fd2.dataSync()));
    console.log(b, 'mul', mul.dtype, Array.from(mul.dataSync()), 'add', Array.from(add.dataSync()), 'less', Array.from(cmp.dataSync()));
    console.log(b, 'bitand', Array.from(ba.dataSync()), big.map((v) => v & 1023));
    console.log(b, 'cast', Array.from(cast.dataSync()), 'round', Array.from(rnd.dataSync()));
    const mn = tf.minimum(x, tf.scalar(2 ** 29, 'int32'));
    console.log(b, 'min', mn.dtype, Array.from(mn.dataSync()));
    const cl = tf.clipByValue(x, -(2 ** 29), 2 ** 29);
    console.log(b, 'clip', cl.dtype, Array.from(cl.dataSync()));
  }
});
