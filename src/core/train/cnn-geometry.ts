/**
 * The tutorial CNN's geometry, declared once for the fused training step's implementations (the WASM
 * SIMD kernel kernels/cnn-train.ts repeats these numbers in AssemblyScript, which cannot import them):
 * input [28, 28, 1] -> conv 3x3 valid, 12 filters -> [26, 26, 12] -> max pool 2x2/2 -> [13, 13, 12]
 * -> flatten [2028] -> dense 10.
 */

/** Input side (28): images are [CNN_SIDE, CNN_SIDE, 1]. */
export const CNN_SIDE = 28;
/** Pixels per image (784). */
export const CNN_PIXELS = CNN_SIDE * CNN_SIDE;
/** Pooled side (13): the 26 x 26 conv output pooled 2x2 with stride 2. */
export const CNN_POOLED = 13;
/** Conv filters (12). */
export const CNN_CHANNELS = 12;
/** Classes (10). */
export const CNN_CLASSES = 10;
/** Flattened pooled features (2028), the dense layer's input. */
export const CNN_FEATURES = CNN_POOLED * CNN_POOLED * CNN_CHANNELS;

/** Shapes of the tutorial CNN's weights, TF.js order: conv kernel, conv bias, dense kernel, dense bias. */
export const CNN_TRAIN_SHAPES: readonly (readonly number[])[] = [
  [3, 3, 1, CNN_CHANNELS],
  [CNN_CHANNELS],
  [CNN_FEATURES, CNN_CLASSES],
  [CNN_CLASSES],
];

/** Float offsets of the kernel's flat parameter layout (see kernels/cnn-train.ts); the dense kernel is transposed there. */
export const CNN_LAYOUT = { convKernel: 0, convBias: 108, denseKernel: 120, denseBias: 20400 } as const;
/** Floats in the flat parameter layout, padded to whole f32x4 vectors (20,410 used). */
export const CNN_PARAMS = 20412;
