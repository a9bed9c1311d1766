import {
  instantiateKernelExports,
  KernelInstance,
  type CnnTrainSource,
  type KernelMemoryExports,
} from '../train/cnn-train-kernel';
import type { AdamStepAttrs } from '../train/fused-adam';
import type { ActivationQuant } from './fake-quant';
import type { QatCnnKernel } from './qat-cnn-kernel';
import type { QatWeightGranularity } from './qat-forward';

interface QatExports extends KernelMemoryExports {
  masterPtr(): number;
  resetMoments(): void;
  qatInputRange(n: number): number;
  qatConv(n: number, scale: number, zp: number, perChannel: number, fcPerChannel: number): number;
  qatDense(n: number, scale: number, zp: number, nudgedMin: number, nudgedMax: number): number;
  qatBackward(n: number, scale: number, zp: number, nudgedMin: number, nudgedMax: number): void;
  qatMax(): number;
  qatAdam(lr: number, beta1: number, beta2: number, eps: number, bc1: number, bc2: number): void;
}

/** Instantiates the QAT entry points of the WASM SIMD kernel (kernels/cnn-train.ts), its own instance. */
export async function instantiateQatCnnKernel(source: CnnTrainSource): Promise<QatCnnKernel> {
  return new WasmQatCnnKernel((await instantiateKernelExports(source)) as unknown as QatExports);
}

/** Weights, moments, fake quant and Adam all stay in the kernel's memory: a step copies only the batch in and the softmax rows out. */
class WasmQatCnnKernel extends KernelInstance<QatExports> implements QatCnnKernel {
  readonly kind = 'wasm-simd';
  private n = 0;

  constructor(x: QatExports) {
    super(x, 'QAT');
  }

  setWeights(weights: readonly Float32Array[]) {
    this.writeFlat(this.x.masterPtr(), weights);
  }

  weights() {
    return this.readFlat(this.x.masterPtr());
  }

  resetMoments() {
    this.x.resetMoments();
  }

  input(images: Float32Array, labels: Uint8Array, n: number): [number, number] {
    this.writeImages(images, n);
    this.writeLabels(labels, n);
    this.n = n;
    const lo = this.x.qatInputRange(n);
    return [lo, this.x.qatMax()];
  }

  conv(p: ActivationQuant, g: QatWeightGranularity): [number, number] {
    const lo = this.x.qatConv(this.n, p.scale, p.zeroPoint, g.perChannel ? 1 : 0, g.fcPerChannel ? 1 : 0);
    return [lo, this.x.qatMax()];
  }

  dense(p: ActivationQuant): [number, number] {
    const lo = this.x.qatDense(this.n, p.scale, p.zeroPoint, p.nudgedMin, p.nudgedMax);
    return [lo, this.x.qatMax()];
  }

  backward(p: ActivationQuant): Float32Array {
    this.x.qatBackward(this.n, p.scale, p.zeroPoint, p.nudgedMin, p.nudgedMax);
    return this.readProbs(this.n);
  }

  gradients(): Float32Array[] {
    return this.readFlat(this.x.gradsPtr());
  }

  quantizedWeights(): Float32Array[] {
    return this.readFlat(this.x.paramsPtr());
  }

  adam(a: AdamStepAttrs) {
    this.x.qatAdam(a.learningRate, a.beta1, a.beta2, a.epsilon, a.biasCorrection1, a.biasCorrection2);
  }
}
