/**
 * Test fixtures in the shapes TensorFlow's converter writes (see shared TFLITE-NOTES "What TensorFlow's
 * converter writes"), built with the lab's own writer: raw uint8 input + CAST, a dynamic batch with the
 * SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE chain, uint8 quantized I/O, an Edge TPU-like custom op, and a
 * 4-input / 4-output detector-like graph that uses many converter ops. The classifiers compute a real
 * MNIST classifier (nearest class mean, from `centroidClassifier`), so their accuracy means something.
 */
import type { DType, QuantParams } from '../../graph/graph';
import { toBytes } from '../../graph/graph';
import { OPTION_TABLES, type TfliteOptionValue } from '../op-options';
import { CONVERSION_METADATA_KEY, MIN_RUNTIME_VERSION_KEY } from '../schema';
import type { TfliteModelSpec, TfliteOpSpec, TfliteTensorSpec } from '../write-tflite';

/** A linear MNIST classifier on reals x in [0, 1]: scores = weights [10, 784] · x + bias [10]. */
export interface LinearClassifier {
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Nearest class mean as a linear layer: score_c = mu_c · x - |mu_c|^2 / 2, with mu_c the mean image of
 * class c (pixels / 255). About 80% accurate on MNIST; feeding it raw 0..255 pixels instead of [0, 1] costs
 * accuracy, so the tests notice a wrong feed.
 * @param images [N * 784] raw pixels; @param labels [N]
 */
export function centroidClassifier(images: Uint8Array, labels: Uint8Array): LinearClassifier {
  const sums = new Float64Array(7840);
  const counts = new Float64Array(10);
  for (let n = 0; n < labels.length; n++) {
    const c = labels[n]!;
    counts[c]!++;
    for (let j = 0; j < 784; j++) sums[c * 784 + j]! += images[n * 784 + j]! / 255;
  }
  const weights = new Float32Array(7840);
  const bias = new Float32Array(10);
  for (let c = 0; c < 10; c++) {
    let norm = 0;
    for (let j = 0; j < 784; j++) {
      const mu = sums[c * 784 + j]! / Math.max(1, counts[c]!);
      weights[c * 784 + j] = mu;
      norm += mu * mu;
    }
    bias[c] = -norm / 2;
  }
  return { weights, bias };
}

type OptionValues = Record<string, TfliteOptionValue>;

/** Collects tensors and ops for a TfliteModelSpec, converter-style (description, metadata). */
export class SpecBuilder {
  readonly tensors: TfliteTensorSpec[] = [];
  readonly ops: TfliteOpSpec[] = [];

  tensor(name: string, shape: number[], dtype: DType, extra: Partial<TfliteTensorSpec> = {}): number {
    return this.tensors.push({ name, shape, dtype, ...extra }) - 1;
  }

  /** A constant: `values` as int32 / float32 / int8 bytes per dtype. */
  constant(name: string, shape: number[], dtype: DType, values: ArrayLike<number>, quant?: QuantParams): number {
    const data =
      dtype === 'float32'
        ? toBytes(Float32Array.from(values))
        : dtype === 'int32'
          ? toBytes(Int32Array.from(values))
          : toBytes(Int8Array.from(values));
    return this.tensor(name, shape, dtype, quant ? { data, quant } : { data });
  }

  op(opName: string, inputs: number[], outputs: number[], table?: string, values: OptionValues = {}, version = 1) {
    const op: TfliteOpSpec = { opName, inputs, outputs, version };
    if (table) op.options = { table: OPTION_TABLES[table]!, values };
    this.ops.push(op);
  }

  spec(inputs: number[], outputs: number[], runtime = '1.14.0'): TfliteModelSpec {
    const text = new Uint8Array(16);
    for (let i = 0; i < runtime.length; i++) text[i] = runtime.charCodeAt(i);
    return {
      tensors: this.tensors,
      ops: this.ops,
      inputs,
      outputs,
      description: 'MLIR Converted.',
      metadata: [
        { name: MIN_RUNTIME_VERSION_KEY, data: text },
        { name: CONVERSION_METADATA_KEY, data: Uint8Array.from([12, 0, 0, 0, 8, 0, 12, 0, 4, 0, 8, 0]) },
      ],
    };
  }
}

const perTensor = (scale: number, zeroPoint: number): QuantParams => ({
  scale: [Math.fround(scale)],
  zeroPoint: [zeroPoint],
  quantizedDimension: 0,
});

/** Dense [1, 784] -> 10 scores (float), then SOFTMAX; returns the output tensor. */
function denseSoftmax(g: SpecBuilder, flat: number, model: LinearClassifier, sig?: number[]): number {
  const w = g.constant('sequential/dense/MatMul', [10, 784], 'float32', model.weights);
  const b = g.constant('sequential/dense/BiasAdd/ReadVariableOp', [10], 'float32', model.bias);
  const logits = g.tensor('sequential/dense/BiasAdd', [1, 10], 'float32', sig ? { shapeSignature: sig } : {});
  g.op('FULLY_CONNECTED', [flat, w, b], [logits], 'FullyConnectedOptions', { fused_activation_function: 'NONE' });
  const out = g.tensor('StatefulPartitionedCall:0', [1, 10], 'float32', sig ? { shapeSignature: sig } : {});
  g.op('SOFTMAX', [logits], [out], 'SoftmaxOptions', { beta: 1 });
  return out;
}

/** A 1x1 identity CONV_2D + RELU on [1, 28, 28, 1] (a "CNN" whose conv does not change the image). */
function identityConv(g: SpecBuilder, x: number, sig?: number[]): number {
  const filter = g.constant('sequential/conv2d/Conv2D', [1, 1, 1, 1], 'float32', [1]);
  const bias = g.constant('sequential/conv2d/BiasAdd/ReadVariableOp', [1], 'float32', [0]);
  const y = g.tensor('sequential/conv2d/Relu;sequential/conv2d/BiasAdd', [1, 28, 28, 1], 'float32', {
    ...(sig ? { shapeSignature: sig } : {}),
  });
  g.op('CONV_2D', [x, filter, bias], [y], 'Conv2DOptions', {
    padding: 'VALID',
    stride_w: 1,
    stride_h: 1,
    fused_activation_function: 'RELU',
  });
  return y;
}

/** uint8 [1, 28, 28] raw pixels (no quantization) -> CAST -> MUL 1/255 -> EXPAND_DIMS -> conv -> dense -> softmax. */
export function castUint8Classifier(model: LinearClassifier): TfliteModelSpec {
  const g = new SpecBuilder();
  const x = g.tensor('serving_default_input_1:0', [1, 28, 28], 'uint8');
  const xf = g.tensor('sequential/cast', [1, 28, 28], 'float32');
  g.op('CAST', [x], [xf], 'CastOptions', { in_data_type: 'UINT8', out_data_type: 'FLOAT32' });
  const k = g.constant('sequential/rescaling/Cast_1/x', [], 'float32', [1 / 255]);
  const scaled = g.tensor('sequential/rescaling/mul', [1, 28, 28], 'float32');
  g.op('MUL', [xf, k], [scaled], 'MulOptions', { fused_activation_function: 'NONE' });
  const axis = g.constant('sequential/expand_dims/dim', [], 'int32', [-1]);
  const x4 = g.tensor('sequential/expand_dims', [1, 28, 28, 1], 'float32');
  g.op('EXPAND_DIMS', [scaled, axis], [x4], 'ExpandDimsOptions');
  const conv = identityConv(g, x4);
  const shape = g.constant('sequential/flatten/Const', [2], 'int32', [-1, 784]);
  const flat = g.tensor('sequential/flatten/Reshape', [1, 784], 'float32');
  g.op('RESHAPE', [conv, shape], [flat]);
  return g.spec([x], [denseSoftmax(g, flat, model)], '1.5.0');
}

/** float32 input with shape_signature [-1, 28, 28, 1]; Flatten as SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE. */
export function dynamicBatchClassifier(model: LinearClassifier): TfliteModelSpec {
  const g = new SpecBuilder();
  const x = g.tensor('serving_default_conv2d_input:0', [1, 28, 28, 1], 'float32', { shapeSignature: [-1, 28, 28, 1] });
  const conv = identityConv(g, x, [-1, 28, 28, 1]);
  const shape = g.tensor('sequential/flatten/Shape', [4], 'int32');
  g.op('SHAPE', [conv], [shape], 'ShapeOptions', { out_type: 'INT32' });
  const begin = g.constant('sequential/flatten/strided_slice/stack', [1], 'int32', [0]);
  const end = g.constant('sequential/flatten/strided_slice/stack_1', [1], 'int32', [1]);
  const strides = g.constant('sequential/flatten/strided_slice/stack_2', [1], 'int32', [1]);
  const batch = g.tensor('sequential/flatten/strided_slice', [], 'int32');
  g.op('STRIDED_SLICE', [shape, begin, end, strides], [batch], 'StridedSliceOptions', { shrink_axis_mask: 1 });
  const width = g.constant('sequential/flatten/Reshape/shape/1', [], 'int32', [784]);
  const packed = g.tensor('sequential/flatten/Reshape/shape', [2], 'int32');
  g.op('PACK', [batch, width], [packed], 'PackOptions', { values_count: 2, axis: 0 });
  const flat = g.tensor('sequential/flatten/Reshape', [1, 784], 'float32', { shapeSignature: [-1, 784] });
  g.op('RESHAPE', [conv, packed], [flat]);
  // Without signature_defs, as TF 2.3-2.4 wrote them: LiteRT.js then refuses the -1 batch (with a signature it accepts it).
  return { ...g.spec([x], [denseSoftmax(g, flat, model, [-1, 10])], '1.5.0'), signature: false };
}

/** Symmetric per-tensor int8 weights and int32 bias for input scale `inScale`. */
function quantizeDense(model: LinearClassifier, inScale: number) {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const wScale = maxAbs / 127;
  const weights = Array.from(model.weights, (w) => Math.round(w / wScale));
  const bias = Array.from(model.bias, (b) => Math.round(b / (inScale * wScale)));
  return { weights, bias, wScale };
}

/**
 * uint8 I/O around an int8 graph (`inference_input_type = tf.uint8`): uint8 [1, 28, 28, 1] (scale 1/255,
 * zero point 0) -> QUANTIZE to int8 (zero point -128) -> RESHAPE -> int8 FULLY_CONNECTED -> QUANTIZE to
 * uint8 logits. `logitRange` is the float range the output covers.
 */
export function uint8QuantizedClassifier(model: LinearClassifier, logitRange: [number, number]): TfliteModelSpec {
  const g = new SpecBuilder();
  const inScale = 1 / 255;
  const x = g.tensor('serving_default_input_1:0', [1, 28, 28, 1], 'uint8', { quant: perTensor(inScale, 0) });
  const xq = g.tensor('tfl.quantize', [1, 28, 28, 1], 'int8', { quant: perTensor(inScale, -128) });
  g.op('QUANTIZE', [x], [xq], 'QuantizeOptions', {}, 2);
  const shape = g.constant('sequential/flatten/Const', [2], 'int32', [-1, 784]);
  const flat = g.tensor('sequential/flatten/Reshape', [1, 784], 'int8', { quant: perTensor(inScale, -128) });
  g.op('RESHAPE', [xq, shape], [flat]);
  const q = quantizeDense(model, Math.fround(inScale));
  const w = g.constant('sequential/dense/MatMul', [10, 784], 'int8', q.weights, perTensor(q.wScale, 0));
  const b = g.constant('sequential/dense/BiasAdd', [10], 'int32', q.bias, perTensor(inScale * q.wScale, 0));
  const [lo, hi] = logitRange;
  const outScale = (hi - lo) / 255;
  const zp = Math.max(-128, Math.min(127, Math.round(-128 - lo / outScale)));
  const logits = g.tensor('sequential/dense/BiasAdd;int8', [1, 10], 'int8', { quant: perTensor(outScale, zp) });
  g.op('FULLY_CONNECTED', [flat, w, b], [logits], 'FullyConnectedOptions', {}, 4);
  const out = g.tensor('StatefulPartitionedCall:0', [1, 10], 'uint8', { quant: perTensor(outScale, zp + 128) });
  g.op('QUANTIZE', [logits], [out], 'QuantizeOptions', {}, 2);
  return g.spec([x], [out]);
}

/** What edgetpu_compiler writes: uint8 I/O around one CUSTOM `edgetpu-custom-op` holding a compiled program. */
export function edgeTpuLikeModel(programBytes = 2048): TfliteModelSpec {
  const g = new SpecBuilder();
  const x = g.tensor('serving_default_input_1:0', [1, 28, 28, 1], 'uint8', { quant: perTensor(1 / 255, 0) });
  const y = g.tensor('StatefulPartitionedCall:0', [1, 10], 'uint8', { quant: perTensor(1 / 256, 0) });
  const program = Uint8Array.from({ length: programBytes }, (_, i) => (i * 31 + 7) & 0xff);
  g.ops.push({
    opName: 'CUSTOM',
    customCode: 'edgetpu-custom-op',
    version: 1,
    inputs: [x],
    outputs: [y],
    customOptions: program,
  });
  return g.spec([x], [y]);
}

/**
 * A detector-like graph: 4 float inputs, 4 outputs (boxes [1, 10, 4], classes [1, 10], scores [1, 10],
 * count [1]), through many of the converter's ops (each with its options table).
 */
export function detectorLikeModel(): TfliteModelSpec {
  const g = new SpecBuilder();
  const ins = [0, 1, 2, 3].map((i) => g.tensor(`serving_default_input_${i}:0`, [1, 40], 'float32'));
  const added = g.tensor('add', [1, 40], 'float32');
  g.op('ADD', [ins[0]!, ins[1]!], [added], 'AddOptions', { fused_activation_function: 'RELU6' });
  const sub = g.tensor('sub', [1, 40], 'float32');
  g.op('SUB', [added, ins[2]!], [sub], 'SubOptions', { fused_activation_function: 'NONE' });
  const cat = g.tensor('concat', [1, 80], 'float32');
  g.op('CONCATENATION', [sub, ins[3]!], [cat], 'ConcatenationOptions', { axis: 1, fused_activation_function: 'NONE' });
  const boxShape = g.constant('boxes/shape', [3], 'int32', [1, 20, 4]);
  const boxes80 = g.tensor('boxes_all', [1, 20, 4], 'float32');
  g.op('RESHAPE', [cat, boxShape], [boxes80], 'ReshapeOptions', { new_shape: [1, 20, 4] });
  const perm = g.constant('perm', [3], 'int32', [0, 1, 2]);
  const transposed = g.tensor('transpose', [1, 20, 4], 'float32');
  g.op('TRANSPOSE', [boxes80, perm], [transposed], 'TransposeOptions');
  const pads = g.constant('pads', [3, 2], 'int32', [0, 0, 0, 0, 0, 0]);
  const padded = g.tensor('pad', [1, 20, 4], 'float32');
  g.op('PAD', [transposed, pads], [padded], 'PadOptions');
  const logistic = g.tensor('TFLite_Detection_PostProcess', [1, 20, 4], 'float32');
  g.op('LOGISTIC', [padded], [logistic]);
  const half = g.constant('half/shape', [3], 'int32', [1, 10, 8]);
  const boxes = g.tensor('TFLite_Detection_PostProcess:boxes', [1, 10, 8], 'float32');
  g.op('RESHAPE', [logistic, half], [boxes]);
  const axis = g.constant('mean/axis', [1], 'int32', [2]);
  const classes = g.tensor('TFLite_Detection_PostProcess:1', [1, 10], 'float32');
  g.op('MEAN', [boxes, axis], [classes], 'ReducerOptions', { keep_dims: false });
  const scores = g.tensor('TFLite_Detection_PostProcess:2', [1, 10], 'float32');
  g.op('TANH', [classes], [scores]);
  const hs = g.tensor('hard_swish', [1, 10], 'float32');
  g.op('HARD_SWISH', [scores], [hs], 'HardSwishOptions');
  const squeezed = g.tensor('squeeze', [10], 'float32');
  g.op('SQUEEZE', [hs], [squeezed], 'SqueezeOptions', { squeeze_dims: [0] });
  const meanAll = g.constant('count/axis', [1], 'int32', [0]);
  const num = g.tensor('TFLite_Detection_PostProcess:3', [1], 'float32');
  g.op('MEAN', [squeezed, meanAll], [num], 'ReducerOptions', { keep_dims: true });
  const boxes4 = boxesHead(g, boxes);
  return g.spec(ins, [boxes4, classes, scores, num]);
}

/** boxes [1, 10, 8] -> RELU -> RELU6 -> RESHAPE -> STRIDED_SLICE -> RESHAPE to [1, 10, 4]. */
function boxesHead(g: SpecBuilder, boxes: number): number {
  const boxes4 = g.tensor('boxes4', [1, 10, 4], 'float32');
  const b4shape = g.constant('boxes4/shape', [3], 'int32', [1, 10, 4]);
  const sliceLike = g.tensor('relu', [1, 10, 8], 'float32');
  g.op('RELU', [boxes], [sliceLike]);
  const relu6 = g.tensor('relu6', [1, 10, 8], 'float32');
  g.op('RELU6', [sliceLike], [relu6]);
  const firstHalf = g.tensor('first_half', [1, 80], 'float32');
  const flatShape = g.constant('flat/shape', [2], 'int32', [1, 80]);
  g.op('RESHAPE', [relu6, flatShape], [firstHalf]);
  const begin = g.constant('sl/begin', [2], 'int32', [0, 0]);
  const end = g.constant('sl/end', [2], 'int32', [1, 40]);
  const strides = g.constant('sl/strides', [2], 'int32', [1, 1]);
  const sliced = g.tensor('sliced', [1, 40], 'float32');
  g.op('STRIDED_SLICE', [firstHalf, begin, end, strides], [sliced], 'StridedSliceOptions', { begin_mask: 1 });
  g.op('RESHAPE', [sliced, b4shape], [boxes4]);
  return boxes4;
}
