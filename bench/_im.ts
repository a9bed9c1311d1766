import { im2colTransposed } from '../src/backends/wasm-training-kernels';
const x = new Float32Array(32 * 28 * 28).map(() => Math.random());
const out = new Float32Array(9 * 32 * 26 * 26);
for (let i = 0; i < 50; i++) im2colTransposed(x, out, 32, 28, 28, 1, 3, 3, 26, 26, 1, 1, 0, 0);
const s = performance.now();
for (let i = 0; i < 200; i++) im2colTransposed(x, out, 32, 28, 28, 1, 3, 3, 26, 26, 1, 1, 0, 0);
console.log('im2col', ((performance.now() - s) / 200).toFixed(3));
