import {
  CNN_CHANNELS as CH,
  CNN_CLASSES as CLASSES,
  CNN_FEATURES as FEATURES,
  CNN_PIXELS,
  CNN_POOLED as POOLED,
  CNN_SIDE as SIDE,
  CNN_TRAIN_SHAPES,
} from '../train/cnn-geometry';
import { CLIP_HIGH as HIGH, CLIP_LOW as LOW } from '../train/cross-entropy';
import type { ActivationQuant } from './fake-quant';
import { adamStepLoopF32, type AdamStepAttrs } from '../train/fused-adam';
import { fakeQuantValue, fakeQuantWeightsFlat, WEIGHT_CHANNELS, type QatCnnKernel } from './qat-cnn-kernel';
import type { QatWeightGranularity } from './qat-forward';

/**
 * The plain TypeScript twin of the fused QAT step (QAT entry points of kernels/cnn-train.ts): scalar
 * loops over TF.js layouts, held to tf.variableGrads of qatForward (qat-cnn-twin.test.ts).
 */
export class QatCnnTwin implements QatCnnKernel {
  readonly kind = 'typescript';
  /** Float master weights and their Adam moments. */
  private master: Float32Array[] = CNN_TRAIN_SHAPES.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
  private m: Float32Array[] = this.master.map((a) => new Float32Array(a.length));
  private v: Float32Array[] = this.master.map((a) => new Float32Array(a.length));
  /** The fake-quantized weights of the current step. */
  private w: Float32Array[] = [];
  private g: Float32Array[] = this.master.map((a) => new Float32Array(a.length));
  private n = 0;
  private images = new Float32Array(0);
  private labels = new Uint8Array(0);
  /** Per image and feature, the ReLU conv output at the 4 window positions (2 dy + dx). */
  private relu4 = new Float32Array(0);
  /** Per image and feature: the pooled fake-quantized value, and the window position whose gradient passes (-1: none). */
  private pooled = new Float32Array(0);
  private pass = new Int8Array(0);
  private logits = new Float32Array(0);

  setWeights(weights: readonly Float32Array[]) {
    weights.forEach((a, i) => this.master[i].set(a));
  }

  weights() {
    return this.master.map((a) => a.slice());
  }

  resetMoments() {
    for (const a of [...this.m, ...this.v]) a.fill(0);
  }

  input(images: Float32Array, labels: Uint8Array, n: number): [number, number] {
    this.n = n;
    this.images = images.slice(0, n * CNN_PIXELS);
    this.labels = labels.slice(0, n);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of this.images) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return [lo, hi];
  }

  conv(p: ActivationQuant, granularity: QatWeightGranularity): [number, number] {
    const n = this.n;
    this.images = this.images.map((v) => fakeQuantValue(v, p.scale, p.zeroPoint));
    this.w = this.master.map((w, i) =>
      WEIGHT_CHANNELS[i] === 0
        ? w.slice()
        : fakeQuantWeightsFlat(w, WEIGHT_CHANNELS[i], i === 0 ? granularity.perChannel : granularity.fcPerChannel),
    );
    this.relu4 = new Float32Array(n * FEATURES * 4);
    const [k, bias] = this.w;
    let lo = Infinity;
    let hi = -Infinity;
    for (let b = 0; b < n; b++) {
      const img = this.images.subarray(b * CNN_PIXELS);
      for (let py = 0; py < POOLED; py++)
        for (let px = 0; px < POOLED; px++)
          for (let c = 0; c < CH; c++)
            for (let q = 0; q < 4; q++) {
              const y = 2 * py + (q >> 1);
              const x = 2 * px + (q & 1);
              let z = bias[c];
              for (let ky = 0; ky < 3; ky++)
                for (let kx = 0; kx < 3; kx++)
                  z = Math.fround(z + Math.fround(img[(y + ky) * SIDE + x + kx] * k[(ky * 3 + kx) * CH + c]));
              const r = Math.max(z, 0);
              this.relu4[(b * FEATURES + (py * POOLED + px) * CH + c) * 4 + q] = r;
              lo = Math.min(lo, r);
              hi = Math.max(hi, r);
            }
    }
    return [lo, hi];
  }

  dense(p: ActivationQuant): [number, number] {
    const n = this.n;
    const [, , dense, denseBias] = this.w;
    this.pooled = new Float32Array(n * FEATURES);
    this.pass = new Int8Array(n * FEATURES);
    this.logits = new Float32Array(n * CLASSES);
    let lo = Infinity;
    let hi = -Infinity;
    for (let b = 0; b < n; b++) {
      for (let f = 0; f < FEATURES; f++) {
        const at = (b * FEATURES + f) * 4;
        let best = -Infinity;
        let arg = 0;
        for (let q = 0; q < 4; q++) {
          const v = fakeQuantValue(this.relu4[at + q], p.scale, p.zeroPoint);
          if (v > best) {
            best = v;
            arg = q;
          }
        }
        const r = this.relu4[at + arg];
        // ReLU passes where z > 0, the activation STE where the ReLU output is inside the nudged range.
        this.pass[b * FEATURES + f] = r > 0 && r >= p.nudgedMin && r <= p.nudgedMax ? arg : -1;
        this.pooled[b * FEATURES + f] = best;
      }
      for (let j = 0; j < CLASSES; j++) {
        let s = 0;
        for (let i = 0; i < FEATURES; i++) s += this.pooled[b * FEATURES + i] * dense[i * CLASSES + j];
        const l = Math.fround(s + denseBias[j]);
        this.logits[b * CLASSES + j] = l;
        lo = Math.min(lo, l);
        hi = Math.max(hi, l);
      }
    }
    return [lo, hi];
  }

  backward(p: ActivationQuant): Float32Array {
    const n = this.n;
    const labels = this.labels;
    const [, , dense] = this.w;
    for (const a of this.g) a.fill(0);
    const [gk, gb, gw, gd] = this.g;
    const probs = new Float32Array(n * CLASSES);
    const scale = Math.fround(-1 / n);
    const dl = new Float64Array(CLASSES);
    for (let b = 0; b < n; b++) {
      const row = probs.subarray(b * CLASSES, (b + 1) * CLASSES);
      const raw = this.logits.subarray(b * CLASSES);
      const ql = new Float64Array(CLASSES);
      for (let j = 0; j < CLASSES; j++) ql[j] = fakeQuantValue(raw[j], p.scale, p.zeroPoint);
      const top = Math.max(...ql);
      let sum = 0;
      for (let j = 0; j < CLASSES; j++) sum += row[j] = Math.exp(ql[j] - top);
      for (let j = 0; j < CLASSES; j++) row[j] /= sum;
      const label = labels[b];
      const pt = row[label];
      const dpt = pt >= LOW && pt <= HIGH ? scale / pt : 0;
      const s = dpt * pt;
      if (s === 0) continue;
      for (let j = 0; j < CLASSES; j++) {
        const inside = raw[j] >= p.nudgedMin && raw[j] <= p.nudgedMax;
        dl[j] = inside ? (j === label ? s : 0) - s * row[j] : 0;
        gd[j] += dl[j];
      }
      const img = this.images.subarray(b * CNN_PIXELS);
      for (let i = 0; i < FEATURES; i++) {
        let d = 0;
        const pooled = this.pooled[b * FEATURES + i];
        for (let j = 0; j < CLASSES; j++) {
          gw[i * CLASSES + j] += pooled * dl[j];
          d += dense[i * CLASSES + j] * dl[j];
        }
        const q = this.pass[b * FEATURES + i];
        if (q < 0) continue;
        const c = i % CH;
        const pos = (i - c) / CH;
        const y = 2 * Math.floor(pos / POOLED) + (q >> 1);
        const x = 2 * (pos % POOLED) + (q & 1);
        gb[c] += d;
        for (let ky = 0; ky < 3; ky++)
          for (let kx = 0; kx < 3; kx++) gk[(ky * 3 + kx) * CH + c] += img[(y + ky) * SIDE + x + kx] * d;
      }
    }
    return probs;
  }

  gradients(): Float32Array[] {
    return this.g.map((a) => a.slice());
  }

  quantizedWeights(): Float32Array[] {
    return this.w.map((a) => a.slice());
  }

  adam(attrs: AdamStepAttrs) {
    this.master.forEach((w, i) => adamStepLoopF32(w, this.g[i], this.m[i], this.v[i], attrs));
  }
}
