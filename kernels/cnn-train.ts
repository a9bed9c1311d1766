// The fused training step of the tutorial CNN in WASM SIMD (AssemblyScript, compiled by
// scripts/build-kernels.mjs to public/wasm/kernels/cnn-train.wasm). Its plain TypeScript twin and
// the layouts it speaks are src/core/train/cnn-train-twin.ts and src/core/train/fused-cnn.ts:
//   input [n, 28, 28, 1] in [0, 1] -> conv 3x3 valid, 12 filters, ReLU -> max pool 2x2/2 ->
//   flatten [13 * 13 * 12] -> dense 10 -> softmax; clipped categorical cross-entropy (eps 1e-7).
// Parameters (one flat float32 array, padded to whole vectors): conv kernel HWIO [3, 3, 1, 12] at
// 0, conv bias [12] at 108, dense kernel TRANSPOSED [10, 2028] at 120, dense bias [10] at 20400.
// Gradients and Adam moments share that layout. One image is run forward and backward at a time
// (each image's loss gradient depends only on its own softmax row), so no batch-sized
// activations are kept: the batch's images, labels and softmax rows are the only batch-sized data.

const SIDE: i32 = 28;
const OUT: i32 = 26;
const POOLED: i32 = 13;
const CH: i32 = 12;
const CLASSES: i32 = 10;
const FEATURES: i32 = POOLED * POOLED * CH; // 2028
const PIXELS: i32 = SIDE * SIDE;

const CONV_K: i32 = 0;
const CONV_B: i32 = 108;
const DENSE_W: i32 = 120;
const DENSE_B: i32 = 20400;
/** Parameter count padded to whole f32x4 vectors (20,410 used). */
const PARAMS: i32 = 20412;

// tf.keras's EPSILON, as float32, and the clip's upper bound.
const LOW: f32 = 1e-7;
const HIGH: f32 = <f32>(1 - 1e-7);

let params: usize = 0;
let grads: usize = 0;
let mom1: usize = 0;
let mom2: usize = 0;
/** QAT's float master weights (the parameters then hold their fake-quantized copy), same layout. */
let master: usize = 0;
/** Per image: pooled activations [2028], pre-ReLU pool maxima [2028], argmax (0..3) [2028] i32, d pooled [2028]. */
let pool: usize = 0;
let zmax: usize = 0;
let argm: usize = 0;
let dpool: usize = 0;
let logits: usize = 0;
/** Per class: whether its logit's gradient passes (always in float training; QAT's straight-through mask). */
let lpass: usize = 0;
/** Batch data: images [cap, 784] f32, labels [cap] i32, softmax rows [cap, 10] f32. */
let images: usize = 0;
let labels: usize = 0;
let probs: usize = 0;
/**
 * QAT batch data: ReLU conv outputs [cap, 169 positions, 4 window positions, 12] f32, and per image
 * the pooled fake-quantized features, their pass flag (1 / 0, as zmax's sign), argmax, and raw logits [cap, 16].
 */
let qrelu: usize = 0;
let qpool: usize = 0;
let qzmax: usize = 0;
let qargm: usize = 0;
let qlogits: usize = 0;
/** The batch min / max of the last qatConv / qatDense. */
let qatLo: f32 = 0;
let qatHi: f32 = 0;
let cap: i32 = 0;
let fixedEnd: usize = 0;

function setupFixed(): void {
  let p: usize = (__heap_base + 15) & ~15;
  params = p;
  p += PARAMS * 4;
  grads = p;
  p += PARAMS * 4;
  mom1 = p;
  p += PARAMS * 4;
  mom2 = p;
  p += PARAMS * 4;
  master = p;
  p += PARAMS * 4;
  pool = p;
  p += FEATURES * 4;
  zmax = p;
  p += FEATURES * 4;
  argm = p;
  p += FEATURES * 4;
  dpool = p;
  p += FEATURES * 4;
  logits = p;
  p += 16 * 4;
  lpass = p;
  p += 16 * 4;
  fixedEnd = p;
}

/**
 * Makes room for batches of up to `n` images; returns false when memory cannot grow. Call before
 * reading the pointers below (they stay valid across later calls; the memory's buffer may not).
 */
export function reserve(n: i32): bool {
  if (fixedEnd == 0) setupFixed();
  if (n <= cap) return true;
  let p = fixedEnd;
  const img = p;
  p += <usize>n * PIXELS * 4;
  const lab = p;
  p += <usize>n * 4;
  const pr = p;
  p += <usize>n * CLASSES * 4;
  const q4 = p;
  p += <usize>n * FEATURES * 16;
  const qp = p;
  p += <usize>n * FEATURES * 4;
  const qz = p;
  p += <usize>n * FEATURES * 4;
  const qa = p;
  p += <usize>n * FEATURES * 4;
  const ql = p;
  p += <usize>n * 16 * 4;
  const pages = <i32>((p + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return false;
  for (let k = 0; k < CLASSES; k++) store<i32>(lpass + ((k as usize) << 2), 1);
  images = img;
  labels = lab;
  probs = pr;
  qrelu = q4;
  qpool = qp;
  qzmax = qz;
  qargm = qa;
  qlogits = ql;
  cap = n;
  return true;
}

export function paramsPtr(): usize {
  return params;
}
export function gradsPtr(): usize {
  return grads;
}
export function masterPtr(): usize {
  return master;
}
export function imagesPtr(): usize {
  return images;
}
export function labelsPtr(): usize {
  return labels;
}
export function probsPtr(): usize {
  return probs;
}

/** Zeroes both Adam moments (a fresh optimizer). */
export function resetMoments(): void {
  memory.fill(mom1, 0, PARAMS * 4);
  memory.fill(mom2, 0, PARAMS * 4);
}

/**
 * Compile-time inlined helpers (a class because TypeScript, and so Prettier, allows decorators on
 * methods only; AssemblyScript's @inline copies the body into each caller, where `qat` is a constant).
 */
class Conv {
  /**
   * Conv 3x3 + bias of one image at every position of every 2x2 pooling window, 12 channels as three
   * f32x4 (the loop the float and the QAT step share). `qat` false: max pool of the pre-ReLU outputs
   * (the first on ties, as tfjs's max pool picks it) into zmax, its window index q = 2 dy + dx into
   * argm, and the pooled activation max(z, 0) into pool. `qat` true: the ReLU outputs into `out`
   * [169 positions, 4 window positions, 12], their min/max folded into qatLo/qatHi.
   */
  @inline static windows(img: usize, out: usize, qat: bool): void {
    const w = params + (CONV_K << 2);
    const b0 = v128.load(params + (CONV_B << 2));
    const b1 = v128.load(params + (CONV_B << 2), 16);
    const b2 = v128.load(params + (CONV_B << 2), 32);
    const zero = f32x4.splat(0);
    const ninf = f32x4.splat(-Infinity);
    let lo = f32x4.splat(qatLo);
    let hi = f32x4.splat(qatHi);
    for (let py = 0; py < POOLED; py++) {
      for (let px = 0; px < POOLED; px++) {
        let m0 = ninf;
        let m1 = ninf;
        let m2 = ninf;
        let a0 = i32x4.splat(0);
        let a1 = i32x4.splat(0);
        let a2 = i32x4.splat(0);
        for (let q = 0; q < 4; q++) {
          const y = 2 * py + (q >> 1);
          const x = 2 * px + (q & 1);
          let z0 = b0;
          let z1 = b1;
          let z2 = b2;
          for (let ky = 0; ky < 3; ky++) {
            const row = img + ((((y + ky) * SIDE + x) as usize) << 2);
            const wr = w + (((ky * 3 * CH) as usize) << 2);
            let v = f32x4.splat(load<f32>(row));
            z0 = f32x4.add(z0, f32x4.mul(v, v128.load(wr)));
            z1 = f32x4.add(z1, f32x4.mul(v, v128.load(wr, 16)));
            z2 = f32x4.add(z2, f32x4.mul(v, v128.load(wr, 32)));
            v = f32x4.splat(load<f32>(row, 4));
            z0 = f32x4.add(z0, f32x4.mul(v, v128.load(wr, 48)));
            z1 = f32x4.add(z1, f32x4.mul(v, v128.load(wr, 64)));
            z2 = f32x4.add(z2, f32x4.mul(v, v128.load(wr, 80)));
            v = f32x4.splat(load<f32>(row, 8));
            z0 = f32x4.add(z0, f32x4.mul(v, v128.load(wr, 96)));
            z1 = f32x4.add(z1, f32x4.mul(v, v128.load(wr, 112)));
            z2 = f32x4.add(z2, f32x4.mul(v, v128.load(wr, 128)));
          }
          if (qat) {
            z0 = f32x4.max(z0, zero);
            z1 = f32x4.max(z1, zero);
            z2 = f32x4.max(z2, zero);
            lo = f32x4.min(lo, f32x4.min(z0, f32x4.min(z1, z2)));
            hi = f32x4.max(hi, f32x4.max(z0, f32x4.max(z1, z2)));
            const o = out + (((((py * POOLED + px) * 4 + q) * CH) as usize) << 2);
            v128.store(o, z0);
            v128.store(o, z1, 16);
            v128.store(o, z2, 32);
          } else {
            const qv = i32x4.splat(q);
            const g0 = f32x4.gt(z0, m0);
            const g1 = f32x4.gt(z1, m1);
            const g2 = f32x4.gt(z2, m2);
            m0 = v128.bitselect(z0, m0, g0);
            m1 = v128.bitselect(z1, m1, g1);
            m2 = v128.bitselect(z2, m2, g2);
            a0 = v128.bitselect(qv, a0, g0);
            a1 = v128.bitselect(qv, a1, g1);
            a2 = v128.bitselect(qv, a2, g2);
          }
        }
        if (!qat) {
          const o = (((py * POOLED + px) * CH) as usize) << 2;
          v128.store(zmax + o, m0);
          v128.store(zmax + o, m1, 16);
          v128.store(zmax + o, m2, 32);
          v128.store(argm + o, a0);
          v128.store(argm + o, a1, 16);
          v128.store(argm + o, a2, 32);
          v128.store(pool + o, f32x4.max(m0, zero));
          v128.store(pool + o, f32x4.max(m1, zero), 16);
          v128.store(pool + o, f32x4.max(m2, zero), 32);
        }
      }
    }
    if (qat) {
      qatLo = min(
        min(f32x4.extract_lane(lo, 0), f32x4.extract_lane(lo, 1)),
        min(f32x4.extract_lane(lo, 2), f32x4.extract_lane(lo, 3)),
      );
      qatHi = max(
        max(f32x4.extract_lane(hi, 0), f32x4.extract_lane(hi, 1)),
        max(f32x4.extract_lane(hi, 2), f32x4.extract_lane(hi, 3)),
      );
    }
  }
}

/** Conv + ReLU + max pool of one image into zmax, argm and pool (see Conv.windows). */
function convPool(img: usize): void {
  Conv.windows(img, 0, false);
}

/** Dense logits of the pooled features into `logits`. */
function denseLogits(): void {
  for (let k = 0; k < CLASSES; k++) {
    const wk = params + (((DENSE_W + k * FEATURES) as usize) << 2);
    let acc = f32x4.splat(0);
    for (let i = 0; i < FEATURES; i += 4) {
      const o = (i as usize) << 2;
      acc = f32x4.add(acc, f32x4.mul(v128.load(wk + o), v128.load(pool + o)));
    }
    const s =
      f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
    store<f32>(logits + ((k as usize) << 2), s + load<f32>(params + (((DENSE_B + k) as usize) << 2)));
  }
}

/** The softmax row of `logits` into `out` (10 floats). */
function softmaxRow(out: usize): void {
  let mx: f32 = load<f32>(logits);
  for (let k = 1; k < CLASSES; k++) mx = max(mx, load<f32>(logits + ((k as usize) << 2)));
  let sum: f32 = 0;
  for (let k = 0; k < CLASSES; k++) {
    const e = Mathf.exp(load<f32>(logits + ((k as usize) << 2)) - mx);
    store<f32>(out + ((k as usize) << 2), e);
    sum += e;
  }
  for (let k = 0; k < CLASSES; k++) {
    const a = out + ((k as usize) << 2);
    store<f32>(a, load<f32>(a) / sum);
  }
}

/** Dense logits of the pooled features, then the softmax row into `out` (10 floats). */
function denseSoftmax(out: usize): void {
  denseLogits();
  softmaxRow(out);
}

/**
 * Backward of one image whose softmax row is `row` and class `label`; `scale` = -1 / n (the batch
 * mean). Gradient semantics of src/core/train/cross-entropy.ts and tfjs's softmax gradient:
 * dp_t = eps <= p_t <= 1 - eps ? scale / p_t : 0, d logits_k = [k = t] dp_t p_t - (dp_t p_t) p_k.
 */
function backward(img: usize, row: usize, label: i32, scale: f32): void {
  const pt = load<f32>(row + ((label as usize) << 2));
  const dpt: f32 = pt >= LOW && pt <= HIGH ? scale / pt : 0;
  const s = dpt * pt;
  if (s == 0) return; // a clipped row contributes no gradient at all
  // d logits, into `logits` (the logits themselves are no longer needed).
  for (let k = 0; k < CLASSES; k++) {
    const pk = load<f32>(row + ((k as usize) << 2));
    const d: f32 = (k == label ? s : 0) - s * pk;
    store<f32>(logits + ((k as usize) << 2), load<i32>(lpass + ((k as usize) << 2)) ? d : 0);
  }
  for (let k = 0; k < CLASSES; k++) {
    const a = grads + (((DENSE_B + k) as usize) << 2);
    store<f32>(a, load<f32>(a) + load<f32>(logits + ((k as usize) << 2)));
  }
  // Dense weight gradient (transposed layout) and the gradient of the pooled features, in one pass.
  const l0 = f32x4.splat(load<f32>(logits));
  const l1 = f32x4.splat(load<f32>(logits, 4));
  const l2 = f32x4.splat(load<f32>(logits, 8));
  const l3 = f32x4.splat(load<f32>(logits, 12));
  const l4 = f32x4.splat(load<f32>(logits, 16));
  const l5 = f32x4.splat(load<f32>(logits, 20));
  const l6 = f32x4.splat(load<f32>(logits, 24));
  const l7 = f32x4.splat(load<f32>(logits, 28));
  const l8 = f32x4.splat(load<f32>(logits, 32));
  const l9 = f32x4.splat(load<f32>(logits, 36));
  const W = params + ((DENSE_W as usize) << 2);
  const G = grads + ((DENSE_W as usize) << 2);
  const S: usize = (FEATURES as usize) << 2;
  for (let i = 0; i < FEATURES; i += 4) {
    const o = (i as usize) << 2;
    const p = v128.load(pool + o);
    let w = W + o;
    let g = G + o;
    let d = f32x4.mul(v128.load(w), l0);
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l0)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l1));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l1)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l2));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l2)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l3));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l3)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l4));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l4)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l5));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l5)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l6));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l6)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l7));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l7)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l8));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l8)));
    w += S;
    g += S;
    d = f32x4.add(d, f32x4.mul(v128.load(w), l9));
    v128.store(g, f32x4.add(v128.load(g), f32x4.mul(p, l9)));
    v128.store(dpool + o, d);
  }
  // Max pool and ReLU backward (only the window's argmax, only where z > 0), then the conv filter
  // and bias gradients; the input gets no gradient (it is the first layer).
  const zero = f32x4.splat(0);
  const gk = grads + ((CONV_K as usize) << 2);
  const gb = grads + ((CONV_B as usize) << 2);
  for (let py = 0; py < POOLED; py++) {
    for (let px = 0; px < POOLED; px++) {
      const o = (((py * POOLED + px) * CH) as usize) << 2;
      const d0 = v128.and(v128.load(dpool + o), f32x4.gt(v128.load(zmax + o), zero));
      const d1 = v128.and(v128.load(dpool + o, 16), f32x4.gt(v128.load(zmax + o, 16), zero));
      const d2 = v128.and(v128.load(dpool + o, 32), f32x4.gt(v128.load(zmax + o, 32), zero));
      if (!v128.any_true(v128.or(v128.or(d0, d1), d2))) continue;
      v128.store(gb, f32x4.add(v128.load(gb), d0));
      v128.store(gb, f32x4.add(v128.load(gb, 16), d1), 16);
      v128.store(gb, f32x4.add(v128.load(gb, 32), d2), 32);
      // Each channel's input patch is the one under its argmax window q: per tap, pick among the four
      // candidate pixels by q (three selects) instead of one masked pass per window position.
      const a0 = v128.load(argm + o);
      const a1 = v128.load(argm + o, 16);
      const a2 = v128.load(argm + o, 32);
      const one = i32x4.splat(1);
      const two = i32x4.splat(2);
      const three = i32x4.splat(3);
      const q01 = i32x4.eq(a0, one);
      const q02 = i32x4.eq(a0, two);
      const q03 = i32x4.eq(a0, three);
      const q11 = i32x4.eq(a1, one);
      const q12 = i32x4.eq(a1, two);
      const q13 = i32x4.eq(a1, three);
      const q21 = i32x4.eq(a2, one);
      const q22 = i32x4.eq(a2, two);
      const q23 = i32x4.eq(a2, three);
      const corner = img + (((2 * py * SIDE + 2 * px) as usize) << 2);
      for (let ky = 0; ky < 3; ky++) {
        for (let kx = 0; kx < 3; kx++) {
          const at = corner + (((ky * SIDE + kx) as usize) << 2);
          const s0 = f32x4.splat(load<f32>(at));
          const s1 = f32x4.splat(load<f32>(at, 4));
          const s2 = f32x4.splat(load<f32>(at, SIDE * 4));
          const s3 = f32x4.splat(load<f32>(at, SIDE * 4 + 4));
          const g = gk + ((((ky * 3 + kx) * CH) as usize) << 2);
          const v0 = v128.bitselect(s3, v128.bitselect(s2, v128.bitselect(s1, s0, q01), q02), q03);
          const v1 = v128.bitselect(s3, v128.bitselect(s2, v128.bitselect(s1, s0, q11), q12), q13);
          const v2 = v128.bitselect(s3, v128.bitselect(s2, v128.bitselect(s1, s0, q21), q22), q23);
          v128.store(g, f32x4.add(v128.load(g), f32x4.mul(v0, d0)));
          v128.store(g, f32x4.add(v128.load(g, 16), f32x4.mul(v1, d1)), 16);
          v128.store(g, f32x4.add(v128.load(g, 32), f32x4.mul(v2, d2)), 32);
        }
      }
    }
  }
}

/**
 * The gradient of the mean loss of the `n` images and labels in the batch buffers, into the
 * gradient buffer (overwritten), and each image's softmax row into the probs buffer.
 */
export function gradients(n: i32): void {
  memory.fill(grads, 0, PARAMS * 4);
  for (let k = 0; k < CLASSES; k++) store<i32>(lpass + ((k as usize) << 2), 1);
  const scale: f32 = <f32>-1 / <f32>n;
  for (let b = 0; b < n; b++) {
    const img = images + ((<usize>b * PIXELS) << 2);
    const row = probs + ((<usize>b * CLASSES) << 2);
    convPool(img);
    denseSoftmax(row);
    backward(img, row, load<i32>(labels + ((b as usize) << 2)), scale);
  }
}

/** Softmax rows of the `n` images in the batch buffer into the probs buffer (no gradient). */
export function forward(n: i32): void {
  for (let b = 0; b < n; b++) {
    convPool(images + ((<usize>b * PIXELS) << 2));
    denseSoftmax(probs + ((<usize>b * CLASSES) << 2));
  }
}

/**
 * One Adam step of the weights at `w` from the gradient buffer (tf.train.adam's formula,
 * src/core/train/fused-adam.ts): m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * w -= lr (m / bc1) / (sqrt(v / bc2) + eps).
 */
function adamOn(w: usize, lr: f32, beta1: f32, beta2: f32, eps: f32, bc1: f32, bc2: f32): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const c1 = f32x4.splat(1 - beta1);
  const c2 = f32x4.splat(1 - beta2);
  const i1 = f32x4.splat(1 / bc1);
  const i2 = f32x4.splat(1 / bc2);
  const rate = f32x4.splat(lr);
  const e = f32x4.splat(eps);
  for (let i = 0; i < PARAMS; i += 4) {
    const o = (i as usize) << 2;
    const g = v128.load(grads + o);
    const m = f32x4.add(f32x4.mul(b1, v128.load(mom1 + o)), f32x4.mul(c1, g));
    const v = f32x4.add(f32x4.mul(b2, v128.load(mom2 + o)), f32x4.mul(f32x4.mul(c2, g), g));
    v128.store(mom1 + o, m);
    v128.store(mom2 + o, v);
    const step = f32x4.div(f32x4.mul(rate, f32x4.mul(m, i1)), f32x4.add(f32x4.sqrt(f32x4.mul(v, i2)), e));
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
}

/** One Adam step of the parameters (see adamOn). */
export function adam(lr: f32, beta1: f32, beta2: f32, eps: f32, bc1: f32, bc2: f32): void {
  adamOn(params, lr, beta1, beta2, eps, bc1, bc2);
}

/** One plain SGD step from the gradient buffer: w -= lr g (tf.train.sgd). */
export function sgd(lr: f32): void {
  const rate = f32x4.splat(lr);
  for (let i = 0; i < PARAMS; i += 4) {
    const o = (i as usize) << 2;
    v128.store(params + o, f32x4.sub(v128.load(params + o), f32x4.mul(rate, v128.load(grads + o))));
  }
}

// ---- QAT: the fake-quantized step (src/core/qat/qat-cnn-kernel.ts), in phases around the caller's
// range updates. The float master weights live in `master`; qatConv writes their fake-quantized copy
// into the parameters (which the forward and backward read) and fake-quantizes the images in place.

/** The batch max of the last qatConv / qatDense (the min is their return value). */
export function qatMax(): f32 {
  return qatHi;
}

/** scale * (clamp(roundHalfAway(x / scale) + zp, -128, 127) - zp), lanewise in float32 (fake-quant.ts). */
function fakeQuant4(x: v128, scale: v128, zp: v128): v128 {
  const t = f32x4.div(x, scale);
  const a = f32x4.floor(f32x4.add(f32x4.abs(t), f32x4.splat(0.5)));
  const r = v128.bitselect(f32x4.neg(a), a, f32x4.lt(t, f32x4.splat(0)));
  const c = f32x4.min(f32x4.max(f32x4.add(r, zp), f32x4.splat(-128)), f32x4.splat(127));
  return f32x4.mul(f32x4.sub(c, zp), scale);
}

function fakeQuant1(x: f32, scale: f32, zp: f32): f32 {
  const t = x / scale;
  const a = Mathf.floor(Mathf.abs(t) + <f32>0.5);
  const r = t < 0 ? -a : a;
  return (min(max(r + zp, <f32>-128), <f32>127) - zp) * scale;
}

/** The largest lane of `v`. */
function maxLane(v: v128): f32 {
  return max(
    max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)),
    max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)),
  );
}

/**
 * quantizeDequantizeWeights (src/core/qat/fake-quant.ts, fakeQuantWeightsFlat in qat-cnn-kernel.ts)
 * lanewise, given each lane's max |w| `m`: symmetric int8 codes in [-127, 127], scale m / 127 (1
 * where m is 0), rounded half away from zero, in float32 steps.
 */
function fakeQuantWeight4(w: v128, m: v128): v128 {
  const zero = f32x4.splat(0);
  const some = f32x4.gt(m, zero);
  const inv = v128.and(f32x4.div(f32x4.splat(127), f32x4.max(m, f32x4.splat(1e-30))), some);
  const scale = v128.bitselect(f32x4.div(m, f32x4.splat(127)), f32x4.splat(1), some);
  const t = f32x4.mul(w, inv);
  const a = f32x4.floor(f32x4.add(f32x4.abs(t), f32x4.splat(0.5)));
  const r = v128.bitselect(f32x4.neg(a), a, f32x4.lt(t, zero));
  return f32x4.mul(f32x4.min(f32x4.max(r, f32x4.splat(-127)), f32x4.splat(127)), scale);
}

/**
 * The fake-quantized copy of the master weights into the parameters: the conv kernel per output
 * channel (the last HWIO axis) or per tensor, the dense kernel per class (a row of its transposed
 * layout) or per tensor; the biases as they are.
 */
function quantizeWeights(perChannel: bool, fcPerChannel: bool): void {
  const zero = f32x4.splat(0);
  const ck = master + ((CONV_K as usize) << 2);
  let m0 = zero;
  let m1 = zero;
  let m2 = zero;
  for (let tap = 0; tap < 9; tap++) {
    const o = ((tap * CH) as usize) << 2;
    m0 = f32x4.max(m0, f32x4.abs(v128.load(ck + o)));
    m1 = f32x4.max(m1, f32x4.abs(v128.load(ck + o, 16)));
    m2 = f32x4.max(m2, f32x4.abs(v128.load(ck + o, 32)));
  }
  if (!perChannel) {
    m0 = f32x4.splat(maxLane(f32x4.max(m0, f32x4.max(m1, m2))));
    m1 = m0;
    m2 = m0;
  }
  const pk = params + ((CONV_K as usize) << 2);
  for (let tap = 0; tap < 9; tap++) {
    const o = ((tap * CH) as usize) << 2;
    v128.store(pk + o, fakeQuantWeight4(v128.load(ck + o), m0));
    v128.store(pk + o, fakeQuantWeight4(v128.load(ck + o, 16), m1), 16);
    v128.store(pk + o, fakeQuantWeight4(v128.load(ck + o, 32), m2), 32);
  }
  memory.copy(params + ((CONV_B as usize) << 2), master + ((CONV_B as usize) << 2), CH * 4);
  memory.copy(params + ((DENSE_B as usize) << 2), master + ((DENSE_B as usize) << 2), (PARAMS - DENSE_B) * 4);
  // Per class max |w| of the dense kernel, then the codes with that class's (or the tensor's) scale.
  let whole: f32 = 0;
  for (let k = 0; k < CLASSES; k++) {
    const row = master + (((DENSE_W + k * FEATURES) as usize) << 2);
    let m = zero;
    for (let i = 0; i < FEATURES; i += 4) m = f32x4.max(m, f32x4.abs(v128.load(row + ((i as usize) << 2))));
    const mk = maxLane(m);
    store<f32>(logits + ((k as usize) << 2), mk);
    whole = max(whole, mk);
  }
  for (let k = 0; k < CLASSES; k++) {
    const m = f32x4.splat(fcPerChannel ? load<f32>(logits + ((k as usize) << 2)) : whole);
    const off = ((DENSE_W + k * FEATURES) as usize) << 2;
    for (let i = 0; i < FEATURES; i += 4) {
      const o = off + ((i as usize) << 2);
      v128.store(params + o, fakeQuantWeight4(v128.load(master + o), m));
    }
  }
}

/** Phase 0: the batch min of the `n` images in the batch buffer (qatMax: the max), for the input point. */
export function qatInputRange(n: i32): f32 {
  let lo = f32x4.splat(Infinity);
  let hi = f32x4.splat(-Infinity);
  const end = <usize>n * PIXELS;
  for (let i: usize = 0; i < end; i += 4) {
    const v = v128.load(images + (i << 2));
    lo = f32x4.min(lo, v);
    hi = f32x4.max(hi, v);
  }
  qatHi = maxLane(hi);
  return -maxLane(f32x4.neg(lo));
}

/** One QAT Adam step of the master weights from the gradient buffer (see adamOn). */
export function qatAdam(lr: f32, beta1: f32, beta2: f32, eps: f32, bc1: f32, bc2: f32): void {
  adamOn(master, lr, beta1, beta2, eps, bc1, bc2);
}

/** Conv 3x3 + bias + ReLU of one image into `out` [169, 4, 12]; folds the outputs' min/max into lo/hi. */
function qatConvImage(img: usize, out: usize): void {
  Conv.windows(img, out, true);
}

/**
 * Phase 1: fake-quantizes the images in place with the input point's (scale, zp) and the master
 * weights into the parameters (quantizeWeights), then conv + ReLU of the `n` images; returns the
 * batch min of the ReLU output (qatMax: the max).
 */
export function qatConv(n: i32, scale: f32, zp: f32, perChannel: bool, fcPerChannel: bool): f32 {
  const sc = f32x4.splat(scale);
  const z = f32x4.splat(zp);
  const end = <usize>n * PIXELS;
  for (let i: usize = 0; i < end; i += 4) {
    const a = images + (i << 2);
    v128.store(a, fakeQuant4(v128.load(a), sc, z));
  }
  quantizeWeights(perChannel, fcPerChannel);
  qatLo = Infinity;
  qatHi = -Infinity;
  for (let b = 0; b < n; b++)
    qatConvImage(images + ((<usize>b * PIXELS) << 2), qrelu + ((<usize>b * FEATURES * 4) << 2));
  return qatLo;
}

/**
 * Phase 2: fake-quantizes the conv point with (scale, zp), max pool (first on ties), pass flags
 * (z > 0 and nudgedMin <= relu(z) <= nudgedMax at the argmax), dense logits; returns their batch min.
 */
export function qatDense(n: i32, scale: f32, zp: f32, nudgedMin: f32, nudgedMax: f32): f32 {
  const sc = f32x4.splat(scale);
  const z = f32x4.splat(zp);
  const nmin = f32x4.splat(nudgedMin);
  const nmax = f32x4.splat(nudgedMax);
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  let lo: f32 = Infinity;
  let hi: f32 = -Infinity;
  for (let b = 0; b < n; b++) {
    const src = qrelu + ((<usize>b * FEATURES * 4) << 2);
    const fo = (<usize>b * FEATURES) << 2;
    for (let pos = 0; pos < POOLED * POOLED; pos++) {
      for (let part = 0; part < 3; part++) {
        let best = f32x4.splat(-Infinity);
        let raw = zero;
        let arg = i32x4.splat(0);
        for (let q = 0; q < 4; q++) {
          const r = v128.load(src + ((((pos * 4 + q) * CH + part * 4) as usize) << 2));
          const v = fakeQuant4(r, sc, z);
          const g = f32x4.gt(v, best);
          best = v128.bitselect(v, best, g);
          raw = v128.bitselect(r, raw, g);
          arg = v128.bitselect(i32x4.splat(q), arg, g);
        }
        const pass = v128.and(f32x4.gt(raw, zero), v128.and(f32x4.ge(raw, nmin), f32x4.le(raw, nmax)));
        const o = fo + (((pos * CH + part * 4) as usize) << 2);
        v128.store(qpool + o, best);
        v128.store(qzmax + o, v128.and(one, pass));
        v128.store(qargm + o, arg);
      }
    }
    memory.copy(pool, qpool + fo, FEATURES * 4);
    denseLogits();
    const lb = qlogits + ((<usize>b * 16) << 2);
    for (let k = 0; k < CLASSES; k++) {
      const l = load<f32>(logits + ((k as usize) << 2));
      store<f32>(lb + ((k as usize) << 2), l);
      lo = min(lo, l);
      hi = max(hi, l);
    }
  }
  qatHi = hi;
  return lo;
}

/**
 * Phase 3: fake-quantizes the logits with (scale, zp), softmax rows into the probs buffer, and the
 * gradient of the batch's mean loss into the gradient buffer (straight-through at both points).
 */
export function qatBackward(n: i32, scale: f32, zp: f32, nudgedMin: f32, nudgedMax: f32): void {
  memory.fill(grads, 0, PARAMS * 4);
  const s: f32 = <f32>-1 / <f32>n;
  for (let b = 0; b < n; b++) {
    const lb = qlogits + ((<usize>b * 16) << 2);
    for (let k = 0; k < CLASSES; k++) {
      const l = load<f32>(lb + ((k as usize) << 2));
      store<f32>(logits + ((k as usize) << 2), fakeQuant1(l, scale, zp));
      store<i32>(lpass + ((k as usize) << 2), l >= nudgedMin && l <= nudgedMax ? 1 : 0);
    }
    const row = probs + ((<usize>b * CLASSES) << 2);
    softmaxRow(row);
    const fo = (<usize>b * FEATURES) << 2;
    memory.copy(pool, qpool + fo, FEATURES * 4);
    memory.copy(zmax, qzmax + fo, FEATURES * 4);
    memory.copy(argm, qargm + fo, FEATURES * 4);
    backward(images + ((<usize>b * PIXELS) << 2), row, load<i32>(labels + ((b as usize) << 2)), s);
  }
  for (let k = 0; k < CLASSES; k++) store<i32>(lpass + ((k as usize) << 2), 1);
}
