/**
 * MAX_POOL_2D, AVERAGE_POOL_2D, SOFTMAX, QUANTIZE and DEQUANTIZE on tfjs float32 tensors that hold
 * float values or raw quantized integers, matching the reference kernels in src/core/graph/reference.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { GraphTensor, Pool2DOp } from '../core/graph/graph';
import { leadingPad, outputSize } from '../core/graph/reference/accumulate';
import { floatActivationRange, quantizedActivationRange } from '../core/graph/reference/fixed-point';
import { qRange, tensorParams } from '../core/graph/reference/tensors';
import { roundHalfAwayTfjs } from './requantize-tfjs';

/** The fused-activation clamp of a pool output (float or quantized domain). */
export function poolClamp(op: Pool2DOp, outT: GraphTensor): [number, number] {
  if (outT.dtype === 'float32') return floatActivationRange(op.activation);
  const p = tensorParams(outT);
  const [qmin, qmax] = qRange(outT.dtype);
  return quantizedActivationRange(op.activation, p.scale, p.zeroPoint, qmin, qmax);
}

function clamp(x: tf.Tensor, [lo, hi]: [number, number]): tf.Tensor {
  if (lo === -Infinity && hi === Infinity) return x;
  if (hi === Infinity) return tf.maximum(x, lo);
  return tf.clipByValue(x, lo, hi);
}

export function maxPoolTfjs(op: Pool2DOp, x: tf.Tensor): tf.Tensor4D {
  return tf.maxPool(
    x as tf.Tensor4D,
    [op.filterH, op.filterW],
    [op.strideH, op.strideW],
    op.padding === 'SAME' ? 'same' : 'valid',
  );
}

/** Window sizes of each output position (clipped to the input, as TFLite), [1, outH, outW, 1]. */
function windowCounts(op: Pool2DOp, inH: number, inW: number): tf.Tensor4D {
  const outH = outputSize(op.padding, inH, op.filterH, op.strideH);
  const outW = outputSize(op.padding, inW, op.filterW, op.strideW);
  const padH = op.padding === 'SAME' ? leadingPad(inH, op.filterH, op.strideH, 1, outH) : 0;
  const padW = op.padding === 'SAME' ? leadingPad(inW, op.filterW, op.strideW, 1, outW) : 0;
  const counts = new Float32Array(outH * outW);
  for (let oy = 0; oy < outH; oy++) {
    const y0 = oy * op.strideH - padH;
    const h = Math.min(op.filterH, inH - y0) - Math.max(0, -y0);
    for (let ox = 0; ox < outW; ox++) {
      const x0 = ox * op.strideW - padW;
      counts[oy * outW + ox] = h * (Math.min(op.filterW, inW - x0) - Math.max(0, -x0));
    }
  }
  return tf.tensor4d(counts, [1, outH, outW, 1]);
}

/** Pooling with the fused activation clamp. Integer average: exact window sums, rounded half away from zero. */
export function poolTfjs(op: Pool2DOp, inT: GraphTensor, outT: GraphTensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let y: tf.Tensor;
    if (op.kind === 'MAX_POOL_2D') y = maxPoolTfjs(op, x);
    else if (inT.dtype === 'float32') {
      y = tf.avgPool(
        x as tf.Tensor4D,
        [op.filterH, op.filterW],
        [op.strideH, op.strideW],
        op.padding === 'SAME' ? 'same' : 'valid',
      );
    } else {
      const [, h, w, c] = x.shape;
      const ones = tf.ones([op.filterH, op.filterW, c, 1]) as tf.Tensor4D;
      const sums = tf.depthwiseConv2d(
        x as tf.Tensor4D,
        ones,
        [op.strideH, op.strideW],
        op.padding === 'SAME' ? 'same' : 'valid',
      );
      // |sum| / count is either an exact half-integer or at least 1 / (2 count) away from one: float division is safe.
      y = roundHalfAwayTfjs(tf.div(sums, windowCounts(op, h, w)));
    }
    return clamp(y, poolClamp(op, outT));
  });
}

/** Float SOFTMAX over the last dimension: softmax(beta * x). */
export function softmaxFloatTfjs(beta: number, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.softmax(beta === 1 ? x : tf.mul(x, beta)));
}

/**
 * int8 SOFTMAX on tfjs: float32 probabilities from the dequantized input, quantized with the output's fixed
 * params. Float32 differs from the reference's double by a few ulps (|p / scale| error below 1e-4 for
 * 1/256 steps), so a ±1 output step differs only when p / scale lies that close to a half-integer.
 * (int16 outputs, 1/32768 steps, are left to the host: see simulate-tfjs.)
 */
export function softmaxInt8Tfjs(beta: number, inT: GraphTensor, outT: GraphTensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const inP = tensorParams(inT);
    const outP = tensorParams(outT);
    const [qmin, qmax] = qRange(outT.dtype);
    const z = tf.mul(tf.sub(q, tf.max(q, -1, true)), beta * inP.scale);
    const p = tf.softmax(z);
    return tf.clipByValue(tf.add(roundHalfAwayTfjs(tf.div(p, outP.scale)), outP.zeroPoint), qmin, qmax);
  });
}

/** AffineQuantize: clamp(round(fround(x / scale)) + zp). */
export function quantizeTfjs(outT: GraphTensor, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { scale, zeroPoint } = tensorParams(outT);
    const [qmin, qmax] = qRange(outT.dtype);
    return tf.clipByValue(tf.add(roundHalfAwayTfjs(tf.div(x, scale)), zeroPoint), qmin, qmax);
  });
}

/** Dequantize: fround(scale * (q - zp)). */
export function dequantizeTfjs(inT: GraphTensor, q: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { scale, zeroPoint } = tensorParams(inT);
    return tf.mul(zeroPoint === 0 ? q : tf.sub(q, zeroPoint), scale);
  });
}
