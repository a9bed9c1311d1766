/**
 * The tutorial CNN as TensorFlow's converter writes it from a Keras model (shared TFLITE-NOTES "What
 * TensorFlow's converter writes"): float32 [1, 28, 28] input with a -1 batch signature, the Keras
 * Reshape as SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE, CONV_2D with fused RELU and OHWI filter,
 * MAX_POOL_2D, Flatten as RESHAPE with a constant [-1, n], FULLY_CONNECTED [units, in], SOFTMAX; long
 * op-fusion tensor names, "MLIR Converted." and converter metadata. Built with the lab's writer.
 */
import { hwioToOhwi, transpose2d } from '../../graph/layer-to-ops';
import type { WeightTensor } from '../../model/trained-model';
import { SpecBuilder } from '../../tflite/testing/converter-fixtures';
import { writeTfliteModel } from '../../tflite/write-tflite';

/** @param weights the tutorial preset's weights in TF.js layouts: conv kernel [3, 3, 1, 12], bias, dense [2028, 10], bias. */
export function tutorialConverterFile(weights: WeightTensor[]): Uint8Array {
  const [ck, cb, dk, db] = weights;
  const [kh, kw, cin, cout] = ck.shape;
  const [flatN, units] = dk.shape;
  const g = new SpecBuilder();
  const x = g.tensor('serving_default_input_1:0', [1, 28, 28], 'float32', { shapeSignature: [-1, 28, 28] });
  const shape = g.tensor('sequential/reshape/Shape', [3], 'int32');
  g.op('SHAPE', [x], [shape], 'ShapeOptions', { out_type: 'INT32' });
  const begin = g.constant('sequential/reshape/strided_slice/stack', [1], 'int32', [0]);
  const end = g.constant('sequential/reshape/strided_slice/stack_1', [1], 'int32', [1]);
  const strides = g.constant('sequential/reshape/strided_slice/stack_2', [1], 'int32', [1]);
  const batch = g.tensor('sequential/reshape/strided_slice', [], 'int32');
  g.op('STRIDED_SLICE', [shape, begin, end, strides], [batch], 'StridedSliceOptions', { shrink_axis_mask: 1 });
  const dims = [28, 28, 1].map((d, i) => g.constant(`sequential/reshape/Reshape/shape/${i + 1}`, [], 'int32', [d]));
  const packed = g.tensor('sequential/reshape/Reshape/shape', [4], 'int32');
  g.op('PACK', [batch, ...dims], [packed], 'PackOptions', { values_count: 4, axis: 0 });
  const x4 = g.tensor('sequential/reshape/Reshape', [1, 28, 28, 1], 'float32', { shapeSignature: [-1, 28, 28, 1] });
  g.op('RESHAPE', [x, packed], [x4]);
  const filter = g.constant(
    'sequential/conv2d/Conv2D',
    [cout, kh, kw, cin],
    'float32',
    hwioToOhwi(ck.values, kh, kw, cin, cout),
  );
  const bias = g.constant('sequential/conv2d/BiasAdd/ReadVariableOp', [cout], 'float32', cb.values);
  const side = 28 - kh + 1;
  const conv = g.tensor(
    'sequential/conv2d/Relu;sequential/conv2d/BiasAdd;sequential/conv2d/Conv2D;sequential/conv2d/BiasAdd/ReadVariableOp',
    [1, side, side, cout],
    'float32',
    { shapeSignature: [-1, side, side, cout] },
  );
  g.op('CONV_2D', [x4, filter, bias], [conv], 'Conv2DOptions', {
    padding: 'VALID',
    stride_w: 1,
    stride_h: 1,
    fused_activation_function: 'RELU',
    dilation_w_factor: 1,
    dilation_h_factor: 1,
  });
  const half = Math.floor(side / 2);
  const pooled = g.tensor('sequential/max_pooling2d/MaxPool', [1, half, half, cout], 'float32', {
    shapeSignature: [-1, half, half, cout],
  });
  g.op('MAX_POOL_2D', [conv], [pooled], 'Pool2DOptions', {
    padding: 'VALID',
    stride_w: 2,
    stride_h: 2,
    filter_width: 2,
    filter_height: 2,
    fused_activation_function: 'NONE',
  });
  const flatShape = g.constant('sequential/flatten/Const', [2], 'int32', [-1, flatN]);
  const flat = g.tensor('sequential/flatten/Reshape', [1, flatN], 'float32', { shapeSignature: [-1, flatN] });
  g.op('RESHAPE', [pooled, flatShape], [flat]);
  const w = g.constant('sequential/dense/MatMul', [units, flatN], 'float32', transpose2d(dk.values, flatN, units));
  const b = g.constant('sequential/dense/BiasAdd/ReadVariableOp', [units], 'float32', db.values);
  const logits = g.tensor('sequential/dense/MatMul;sequential/dense/BiasAdd', [1, units], 'float32', {
    shapeSignature: [-1, units],
  });
  g.op('FULLY_CONNECTED', [flat, w, b], [logits], 'FullyConnectedOptions', { fused_activation_function: 'NONE' });
  const out = g.tensor('StatefulPartitionedCall:0', [1, units], 'float32', { shapeSignature: [-1, units] });
  g.op('SOFTMAX', [logits], [out], 'SoftmaxOptions', { beta: 1 });
  return writeTfliteModel(g.spec([x], [out], '1.5.0'));
}
