import {
  CNN_CHANNELS as CH,
  CNN_CLASSES as CLASSES,
  CNN_FEATURES as FEATURES,
  CNN_PIXELS,
  CNN_POOLED as POOLED,
  CNN_SIDE as SIDE,
  CNN_TRAIN_SHAPES,
} from './cnn-geometry';
import type { CnnTrainKernel } from './cnn-train-kernel';
import { CLIP_HIGH as HIGH, CLIP_LOW as LOW } from './cross-entropy';
import { adamStepLoop, type AdamStepAttrs } from './fused-adam';

/**
 * The plain TypeScript twin of the WASM SIMD training kernel (kernels/cnn-train.ts): the same
 * forward and backward of the tutorial CNN in scalar loops over TF.js layouts, the oracle the WASM
 * kernel is held to, itself held to tf.variableGrads of the tfjs model (cnn-train-twin.test.ts).
 */
export class CnnTrainTwin implements CnnTrainKernel {
  readonly kind = 'typescript';
  private w: Float32Array[] = CNN_TRAIN_SHAPES.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
  private g: Float32Array[] = this.w.map((a) => new Float32Array(a.length));
  private m: Float32Array[] = this.w.map((a) => new Float32Array(a.length));
  private v: Float32Array[] = this.w.map((a) => new Float32Array(a.length));
  // Per-image scratch: pre-ReLU window maxima, their window index (2 dy + dx), pooled features, softmax row.
  private readonly zmax = new Float32Array(FEATURES);
  private readonly argmax = new Uint8Array(FEATURES);
  private readonly pooled = new Float32Array(FEATURES);

  setWeights(weights: readonly Float32Array[]) {
    weights.forEach((a, i) => this.w[i].set(a));
  }

  weights() {
    return this.w.map((a) => a.slice());
  }

  gradients() {
    return this.g.map((a) => a.slice());
  }

  setGradients(grads: readonly Float32Array[]) {
    grads.forEach((a, i) => this.g[i].set(a));
  }

  resetMoments() {
    for (const a of [...this.m, ...this.v]) a.fill(0);
  }

  computeGradients(images: Float32Array, labels: Uint8Array, n: number): Float32Array {
    for (const a of this.g) a.fill(0);
    const probs = new Float32Array(n * CLASSES);
    // d(mean loss)/d(loss_b), in float32 as tfjs's div(neg(dy), n).
    const scale = Math.fround(-1 / n);
    for (let b = 0; b < n; b++) {
      const img = images.subarray(b * CNN_PIXELS, (b + 1) * CNN_PIXELS);
      const row = probs.subarray(b * CLASSES, (b + 1) * CLASSES);
      this.forward(img, row);
      this.backward(img, row, labels[b], scale);
    }
    return probs;
  }

  private forward(img: Float32Array, row: Float32Array) {
    const [k, bias, dense, denseBias] = this.w;
    for (let py = 0; py < POOLED; py++)
      for (let px = 0; px < POOLED; px++)
        for (let c = 0; c < CH; c++) {
          let best = -Infinity;
          let arg = 0;
          for (let q = 0; q < 4; q++) {
            const y = 2 * py + (q >> 1);
            const x = 2 * px + (q & 1);
            let z = bias[c];
            for (let ky = 0; ky < 3; ky++)
              for (let kx = 0; kx < 3; kx++) z += img[(y + ky) * SIDE + x + kx] * k[(ky * 3 + kx) * CH + c];
            // Strictly greater: the first window position wins ties, as tfjs's max pool picks it.
            if (z > best) {
              best = z;
              arg = q;
            }
          }
          const f = (py * POOLED + px) * CH + c;
          this.zmax[f] = best;
          this.argmax[f] = arg;
          this.pooled[f] = Math.max(best, 0);
        }
    const logits = new Float64Array(CLASSES);
    for (let j = 0; j < CLASSES; j++) {
      let s = denseBias[j];
      for (let i = 0; i < FEATURES; i++) s += this.pooled[i] * dense[i * CLASSES + j];
      logits[j] = s;
    }
    const top = Math.max(...logits);
    let sum = 0;
    for (let j = 0; j < CLASSES; j++) sum += row[j] = Math.exp(logits[j] - top);
    for (let j = 0; j < CLASSES; j++) row[j] /= sum;
  }

  /**
   * The gradient chain of categoricalCrossEntropy (cross-entropy.ts: zero outside the clip range)
   * and tfjs's softmax gradient, then dense, max pool (argmax only), ReLU (z > 0) and conv filter.
   */
  private backward(img: Float32Array, row: Float32Array, label: number, scale: number) {
    const [, , dense] = this.w;
    const [gk, gb, gw, gd] = this.g;
    const pt = row[label];
    const dpt = pt >= LOW && pt <= HIGH ? scale / pt : 0;
    const s = dpt * pt;
    if (s === 0) return;
    const dl = new Float64Array(CLASSES);
    for (let j = 0; j < CLASSES; j++) dl[j] = (j === label ? s : 0) - s * row[j];
    for (let j = 0; j < CLASSES; j++) gd[j] += dl[j];
    for (let i = 0; i < FEATURES; i++) {
      let d = 0;
      for (let j = 0; j < CLASSES; j++) {
        gw[i * CLASSES + j] += this.pooled[i] * dl[j];
        d += dense[i * CLASSES + j] * dl[j];
      }
      if (this.zmax[i] <= 0) continue;
      const c = i % CH;
      const p = (i - c) / CH;
      const q = this.argmax[i];
      const y = 2 * Math.floor(p / POOLED) + (q >> 1);
      const x = 2 * (p % POOLED) + (q & 1);
      gb[c] += d;
      for (let ky = 0; ky < 3; ky++)
        for (let kx = 0; kx < 3; kx++) gk[(ky * 3 + kx) * CH + c] += img[(y + ky) * SIDE + x + kx] * d;
    }
  }

  adam(attrs: AdamStepAttrs) {
    this.w.forEach((w, i) =>
      adamStepLoop(w.slice(), this.g[i], this.m[i].slice(), this.v[i].slice(), w, this.m[i], this.v[i], attrs),
    );
  }

  sgd(learningRate: number) {
    this.w.forEach((w, i) => {
      for (let k = 0; k < w.length; k++) w[k] -= learningRate * this.g[i][k];
    });
  }
}
