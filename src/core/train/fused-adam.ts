import * as tf from '@tensorflow/tfjs-core';

/**
 * Name of the fused Adam kernel. Inputs {value, gradient, m, v} (same shapes, float32); attrs
 * {@link AdamStepAttrs}; outputs [value', m', v'] with, elementwise (tf.train.adam's formula):
 *   m' = beta1 m + (1 - beta1) g,   v' = beta2 v + (1 - beta2) g^2,
 *   value' = value - learningRate * (m' / biasCorrection1) / (sqrt(v' / biasCorrection2) + epsilon).
 * A backend may register it (src/backends/adam-step-kernels.ts): one kernel per variable instead of
 * about 15 small ops. Where it is not registered, training uses tf.train.adam, its reference twin.
 */
export const ADAM_STEP_KERNEL = 'LabAdamStep';

export interface AdamStepAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^t and 1 - beta2^t for step t (1-based). */
  biasCorrection1: number;
  biasCorrection2: number;
}

/** tf.train.adam defaults; epsilon is tfjs's float32 backend epsilon. */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/** The attrs of Adam's step `step` (1-based) at `learningRate`: the betas, epsilon and both bias corrections. */
export function adamAttrs(
  learningRate: number,
  step: number,
  { beta1, beta2, epsilon }: { beta1: number; beta2: number; epsilon: number } = ADAM_DEFAULTS,
): AdamStepAttrs {
  return {
    learningRate,
    beta1,
    beta2,
    epsilon,
    biasCorrection1: 1 - beta1 ** step,
    biasCorrection2: 1 - beta2 ** step,
  };
}

/** True when the active backend has the fused Adam kernel. */
export function hasFusedAdam(): boolean {
  return tf.getKernel(ADAM_STEP_KERNEL, tf.getBackend()) != null;
}

/** Adam through {@link ADAM_STEP_KERNEL}: same results as tf.train.adam (to float32 rounding). */
export class FusedAdam {
  private readonly moments = new Map<string, { m: tf.Variable; v: tf.Variable }>();
  private step = 0;

  constructor(
    readonly learningRate: number,
    readonly beta1 = ADAM_DEFAULTS.beta1,
    readonly beta2 = ADAM_DEFAULTS.beta2,
    readonly epsilon = ADAM_DEFAULTS.epsilon,
  ) {}

  /** Applies one step; `gradients[i]` is the gradient of `variables[i]`. Does not dispose the gradients. */
  applyGradients(variables: tf.Variable[], gradients: tf.Tensor[]): void {
    this.step++;
    const attrs = adamAttrs(this.learningRate, this.step, this);
    variables.forEach((value, i) => {
      let slot = this.moments.get(value.name);
      if (slot == null) {
        slot = tf.tidy(() => ({
          m: tf.variable(tf.zerosLike(value), false),
          v: tf.variable(tf.zerosLike(value), false),
        }));
        this.moments.set(value.name, slot);
      }
      const outs = tf
        .engine()
        .runKernel(
          ADAM_STEP_KERNEL,
          { value, gradient: gradients[i], m: slot.m, v: slot.v },
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      value.assign(outs[0]);
      slot.m.assign(outs[1]);
      slot.v.assign(outs[2]);
      tf.dispose(outs);
    });
  }

  dispose(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }
}

/** The elementwise step on plain arrays, shared by the JS kernels (outputs may not alias inputs). */
export function adamStepLoop(
  value: Float32Array,
  gradient: Float32Array,
  m: Float32Array,
  v: Float32Array,
  outValue: Float32Array,
  outM: Float32Array,
  outV: Float32Array,
  a: AdamStepAttrs,
): void {
  const { beta1, beta2, epsilon, learningRate } = a;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const inv1 = 1 / a.biasCorrection1;
  const inv2 = 1 / a.biasCorrection2;
  for (let i = 0; i < value.length; i++) {
    const g = gradient[i];
    const m1 = beta1 * m[i] + c1 * g;
    const v1 = beta2 * v[i] + c2 * g * g;
    outM[i] = m1;
    outV[i] = v1;
    outValue[i] = value[i] - (learningRate * (m1 * inv1)) / (Math.sqrt(v1 * inv2) + epsilon);
  }
}

/**
 * {@link adamStepLoop} in the float32 steps of the WASM kernel's `adamOn` (kernels/cnn-train.ts),
 * in place on `value`, `m` and `v`: every product, sum, quotient and square root rounded to float32
 * in the kernel's order, so a twin given the kernel's gradients lands on the kernel's weights bit
 * for bit (QAT's fake quant turns a last-bit difference in a weight into a whole int8 step now and then).
 */
export function adamStepLoopF32(
  value: Float32Array,
  gradient: Float32Array,
  m: Float32Array,
  v: Float32Array,
  a: AdamStepAttrs,
): void {
  const f = Math.fround;
  const b1 = f(a.beta1);
  const b2 = f(a.beta2);
  const c1 = f(1 - b1);
  const c2 = f(1 - b2);
  const i1 = f(1 / f(a.biasCorrection1));
  const i2 = f(1 / f(a.biasCorrection2));
  const rate = f(a.learningRate);
  const e = f(a.epsilon);
  for (let i = 0; i < value.length; i++) {
    const g = gradient[i];
    const m1 = f(f(b1 * m[i]) + f(c1 * g));
    const v1 = f(f(b2 * v[i]) + f(f(c2 * g) * g));
    m[i] = m1;
    v[i] = v1;
    value[i] = value[i] - f(f(rate * f(m1 * i1)) / f(f(Math.sqrt(f(v1 * i2))) + e));
  }
}
