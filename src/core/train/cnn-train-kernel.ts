import { CNN_CLASSES, CNN_FEATURES, CNN_LAYOUT, CNN_PARAMS, CNN_PIXELS } from './cnn-geometry';
import type { AdamStepAttrs } from './fused-adam';

/**
 * One training step of the tutorial CNN outside tfjs ([n, 28, 28, 1] -> conv 3x3 valid 12 ReLU ->
 * max pool 2x2/2 -> flatten -> dense 10 softmax; clipped categorical cross-entropy), as two
 * implementations of one interface: the WASM SIMD kernel (kernels/cnn-train.ts, wrapped by
 * {@link instantiateCnnTrainKernel}) and its plain TypeScript twin (cnn-train-twin.ts), which the
 * tests hold to tf.variableGrads. Weights and gradients cross in TF.js order and layouts: conv
 * kernel HWIO [3, 3, 1, 12], conv bias [12], dense kernel [2028, 10], dense bias [10].
 */
export interface CnnTrainKernel {
  /** 'wasm-simd' or 'typescript' (the twin). */
  readonly kind: 'wasm-simd' | 'typescript';
  /** Replaces the weights (TF.js order and layouts). */
  setWeights(weights: readonly Float32Array[]): void;
  /** Copies of the current weights (TF.js order and layouts). */
  weights(): Float32Array[];
  /**
   * The gradient of the mean loss over `n` images ([n, 784] pixels / 255) with classes `labels`
   * ([n]), kept for {@link adam}/{@link sgd} and readable by {@link gradients}; returns the batch's
   * softmax rows [n, 10] (a fresh array).
   */
  computeGradients(images: Float32Array, labels: Uint8Array, n: number): Float32Array;
  /** Copies of the last computed (or set) gradients, TF.js order and layouts. */
  gradients(): Float32Array[];
  /** Replaces the held gradients (data-parallel training combines two replicas' halves). */
  setGradients(grads: readonly Float32Array[]): void;
  /** One Adam step from the held gradients (tf.train.adam's formula, fused-adam.ts). */
  adam(attrs: AdamStepAttrs): void;
  /** One SGD step from the held gradients: w -= learningRate * g. */
  sgd(learningRate: number): void;
  /** Zeroes Adam's moments (a fresh optimizer). */
  resetMoments(): void;
}

const { convKernel: CONV_K, convBias: CONV_B, denseKernel: DENSE_W, denseBias: DENSE_B } = CNN_LAYOUT;
const FEATURES = CNN_FEATURES;
const CLASSES = CNN_CLASSES;

// The core is type-checked against lib ES2022 only; WebAssembly exists in every realm it runs in.
/** A compiled WebAssembly.Module (opaque here). */
export type WasmModuleLike = object;
declare const WebAssembly: {
  Module: new (bytes: ArrayBuffer | Uint8Array) => WasmModuleLike;
  instantiate(module: WasmModuleLike, imports: object): Promise<{ exports: Record<string, unknown> }>;
};

/** The kernel as the caller provides it: the .wasm bytes, or a compiled module. */
export type CnnTrainSource = ArrayBuffer | Uint8Array | WasmModuleLike;

/** The exports every wrapper of the kernel uses: memory, batch room and the buffers' addresses. */
export interface KernelMemoryExports {
  memory: { buffer: ArrayBuffer };
  reserve(n: number): number;
  paramsPtr(): number;
  gradsPtr(): number;
  imagesPtr(): number;
  labelsPtr(): number;
  probsPtr(): number;
}

interface CnnTrainExports extends KernelMemoryExports {
  resetMoments(): void;
  gradients(n: number): void;
  adam(lr: number, beta1: number, beta2: number, eps: number, bc1: number, bc2: number): void;
  sgd(lr: number): void;
}

/** Instantiates the WASM SIMD kernel (kernels/cnn-train.ts) from its bytes or compiled module. */
export async function instantiateCnnTrainKernel(source: CnnTrainSource): Promise<CnnTrainKernel> {
  return new WasmCnnTrainKernel((await instantiateKernelExports(source)) as unknown as CnnTrainExports);
}

/** A fresh instance of the kernel module (its own memory); the exports as they are. */
export async function instantiateKernelExports(source: CnnTrainSource): Promise<Record<string, unknown>> {
  const module =
    source instanceof ArrayBuffer || source instanceof Uint8Array ? new WebAssembly.Module(source) : source;
  return (await WebAssembly.instantiate(module, {})).exports;
}

/** Moves TF.js layouts into the kernel's flat layout and back (dense kernel [2028, 10] <-> [10, 2028]). */
export function packFlat(arrays: readonly Float32Array[], flat: Float32Array): void {
  const [k, b, w, d] = arrays;
  flat.set(k, CONV_K);
  flat.set(b, CONV_B);
  for (let i = 0; i < FEATURES; i++)
    for (let c = 0; c < CLASSES; c++) flat[DENSE_W + c * FEATURES + i] = w[i * CLASSES + c];
  flat.set(d, DENSE_B);
}

export function unpackFlat(flat: Float32Array): Float32Array[] {
  const w = new Float32Array(FEATURES * CLASSES);
  for (let i = 0; i < FEATURES; i++)
    for (let c = 0; c < CLASSES; c++) w[i * CLASSES + c] = flat[DENSE_W + c * FEATURES + i];
  return [flat.slice(CONV_K, CONV_K + 108), flat.slice(CONV_B, CONV_B + 12), w, flat.slice(DENSE_B, DENSE_B + CLASSES)];
}

/**
 * One instance of the kernel module as its wrappers see it (the float step here, the QAT step in
 * qat-cnn-wasm.ts): room for the batch, views of its memory, and the batch and parameter buffers
 * read and written in TF.js layouts.
 */
export abstract class KernelInstance<X extends KernelMemoryExports> {
  private cap = 0;

  constructor(
    protected readonly x: X,
    /** What the memory is for, in the error when it cannot grow ('training', 'QAT'). */
    private readonly what: string,
  ) {
    this.reserve(32);
  }

  /** Makes room for a batch of `n` images (once per larger batch). */
  protected reserve(n: number) {
    if (n <= this.cap) return;
    if (!this.x.reserve(n)) throw new Error(`the ${this.what} kernel could not grow its memory for a batch of ${n}`);
    this.cap = n;
  }

  /** A view of `length` floats at byte `ptr` (fresh each time: growing memory detaches older views). */
  protected f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.x.memory.buffer, ptr, length);
  }

  /** Copies `n` images ([n, 784]) into the batch buffer, making room first. */
  protected writeImages(images: Float32Array, n: number) {
    this.reserve(n);
    this.f32(this.x.imagesPtr(), n * CNN_PIXELS).set(images.subarray(0, n * CNN_PIXELS));
  }

  /** Copies `n` labels into the batch buffer (after {@link writeImages} made room). */
  protected writeLabels(labels: Uint8Array, n: number) {
    new Int32Array(this.x.memory.buffer, this.x.labelsPtr(), n).set(labels.subarray(0, n));
  }

  /** A copy of the batch's `n` softmax rows [n, 10]. */
  protected readProbs(n: number): Float32Array {
    return this.f32(this.x.probsPtr(), n * CLASSES).slice();
  }

  /** The flat buffer at `ptr` (parameters, gradients) as TF.js-layout arrays, or replaced by them. */
  protected readFlat(ptr: number): Float32Array[] {
    return unpackFlat(this.f32(ptr, CNN_PARAMS));
  }

  protected writeFlat(ptr: number, arrays: readonly Float32Array[]) {
    packFlat(arrays, this.f32(ptr, CNN_PARAMS));
  }
}

class WasmCnnTrainKernel extends KernelInstance<CnnTrainExports> implements CnnTrainKernel {
  readonly kind = 'wasm-simd';

  constructor(x: CnnTrainExports) {
    super(x, 'training');
  }

  setWeights(weights: readonly Float32Array[]) {
    this.writeFlat(this.x.paramsPtr(), weights);
  }

  weights() {
    return this.readFlat(this.x.paramsPtr());
  }

  computeGradients(images: Float32Array, labels: Uint8Array, n: number) {
    this.writeImages(images, n);
    this.writeLabels(labels, n);
    this.x.gradients(n);
    return this.readProbs(n);
  }

  gradients() {
    return this.readFlat(this.x.gradsPtr());
  }

  setGradients(grads: readonly Float32Array[]) {
    this.writeFlat(this.x.gradsPtr(), grads);
  }

  adam(a: AdamStepAttrs) {
    this.x.adam(a.learningRate, a.beta1, a.beta2, a.epsilon, a.biasCorrection1, a.biasCorrection2);
  }

  sgd(learningRate: number) {
    this.x.sgd(learningRate);
  }

  resetMoments() {
    this.x.resetMoments();
  }
}
