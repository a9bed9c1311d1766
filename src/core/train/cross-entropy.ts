import * as tf from '@tensorflow/tfjs-core';

/** Epsilon of tf.keras / tfjs-layers categorical cross-entropy (probabilities clipped to [eps, 1 - eps]). */
export const EPSILON = 1e-7;

/**
 * Name of the fused cross-entropy gradient kernel. Inputs {probs, oneHot} ([n, k] float32) and
 * {scale} (a float32 scalar: -dLoss / n); output d(loss)/d(probs), [n, k], elementwise
 * {@link crossEntropyGradLoop}. A backend may register it (src/backends/cross-entropy-kernel.ts):
 * one kernel instead of the ten tfjs-core runs for the gradient of the clip-log-mul-sum-mean chain.
 */
export const CROSS_ENTROPY_GRAD_KERNEL = 'LabCrossEntropyGrad';

/** The clip range [EPSILON, 1 - EPSILON] in float32: where a probability's gradient passes (the fused steps use it too). */
export const CLIP_LOW = Math.fround(EPSILON);
export const CLIP_HIGH = Math.fround(1 - EPSILON);

/**
 * out[i] = eps <= p[i] <= 1 - eps ? (scale * y[i]) / p[i] : 0, in float32 steps: the bits of
 * tfjs-core's gradient chain (Neg, Mean, Sum, Mul, Log, ClipByValue gradients) for the same inputs.
 */
export function crossEntropyGradLoop(
  probs: Float32Array,
  oneHot: Float32Array,
  scale: number,
  out: Float32Array,
): void {
  const s = Math.fround(scale);
  for (let i = 0; i < out.length; i++) {
    const p = probs[i];
    out[i] = p >= CLIP_LOW && p <= CLIP_HIGH ? Math.fround(s * oneHot[i]) / p : 0;
  }
}

/** The gradient through tfjs ops, where the backend has no {@link CROSS_ENTROPY_GRAD_KERNEL}. */
function gradByOps(probs: tf.Tensor, oneHot: tf.Tensor, scale: tf.Tensor): tf.Tensor {
  const inRange = tf.logicalAnd(tf.greaterEqual(probs, EPSILON), tf.lessEqual(probs, 1 - EPSILON));
  const g = tf.div(tf.mul(tf.reshape(scale, [1, 1]), oneHot), tf.clipByValue(probs, EPSILON, 1 - EPSILON));
  return tf.where(inRange, g, tf.zerosLike(g));
}

/**
 * Mean over the batch of -sum(y * log(clip(p, eps, 1 - eps))): tf.keras categorical_crossentropy,
 * for softmax rows `probs` [n, k] and one-hot rows `oneHot` [n, k]. Its gradient w.r.t. `probs` is
 * one fused kernel where the backend has one, else the same formula through tfjs ops; `oneHot` gets
 * no gradient (zeros). Training and QAT both use it.
 */
export function categoricalCrossEntropy(probs: tf.Tensor, oneHot: tf.Tensor): tf.Scalar {
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [p, y, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([p, y]);
    const value = tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, EPSILON, 1 - EPSILON))), -1))) as tf.Scalar;
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ps, ys] = saved;
        const scale = tf.div(tf.neg(dy), ps.shape[0]);
        const fused = tf.getKernel(CROSS_ENTROPY_GRAD_KERNEL, tf.getBackend()) != null;
        const dp = fused
          ? (tf.engine().runKernel(CROSS_ENTROPY_GRAD_KERNEL, { probs: ps, oneHot: ys, scale }) as tf.Tensor)
          : gradByOps(ps, ys, scale);
        return [dp, tf.zerosLike(ys)];
      },
    };
  });
  return tf.tidy(() => loss(probs, oneHot) as tf.Scalar);
}
