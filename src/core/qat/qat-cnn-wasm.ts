import { CNN_CLASSES, CNN_PARAMS, CNN_PIXELS } from '../train/cnn-geometry';
import { instantiateKernelExports, packFlat, unpackFlat, type CnnTrainSource } from '../train/cnn-train-kernel';
import type { ActivationQuant } from './fake-quant';
import type { QatCnnKernel } from './qat-cnn-kernel';

interface QatExports {
  memory: { buffer: ArrayBuffer };
  reserve(n: number): number;
  paramsPtr(): number;
  gradsPtr(): number;
  imagesPtr(): number;
  labelsPtr(): number;
  probsPtr(): number;
  qatConv(n: number): number;
  qatDense(n: number, scale: number, zp: number, nudgedMin: number, nudgedMax: number): number;
  qatBackward(n: number, scale: number, zp: number, nudgedMin: number, nudgedMax: number): void;
  qatMax(): number;
}

/** Instantiates the QAT entry points of the WASM SIMD kernel (kernels/cnn-train.ts), its own instance. */
export async function instantiateQatCnnKernel(source: CnnTrainSource): Promise<QatCnnKernel> {
  return new WasmQatCnnKernel((await instantiateKernelExports(source)) as unknown as QatExports);
}

class WasmQatCnnKernel implements QatCnnKernel {
  readonly kind = 'wasm-simd';
  private cap = 0;
  private n = 0;

  constructor(private readonly x: QatExports) {
    this.reserve(32);
  }

  private reserve(n: number) {
    if (n <= this.cap) return;
    if (!this.x.reserve(n)) throw new Error(`the QAT kernel could not grow its memory for a batch of ${n}`);
    this.cap = n;
  }

  private f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.x.memory.buffer, ptr, length);
  }

  conv(images: Float32Array, weights: readonly Float32Array[], n: number): [number, number] {
    this.reserve(n);
    this.n = n;
    packFlat(weights, this.f32(this.x.paramsPtr(), CNN_PARAMS));
    this.f32(this.x.imagesPtr(), n * CNN_PIXELS).set(images.subarray(0, n * CNN_PIXELS));
    const lo = this.x.qatConv(n);
    return [lo, this.x.qatMax()];
  }

  dense(p: ActivationQuant): [number, number] {
    const lo = this.x.qatDense(this.n, p.scale, p.zeroPoint, p.nudgedMin, p.nudgedMax);
    return [lo, this.x.qatMax()];
  }

  backward(p: ActivationQuant, labels: Uint8Array): Float32Array {
    new Int32Array(this.x.memory.buffer, this.x.labelsPtr(), this.n).set(labels.subarray(0, this.n));
    this.x.qatBackward(this.n, p.scale, p.zeroPoint, p.nudgedMin, p.nudgedMax);
    return this.f32(this.x.probsPtr(), this.n * CNN_CLASSES).slice();
  }

  gradients(): Float32Array[] {
    return unpackFlat(this.f32(this.x.gradsPtr(), CNN_PARAMS));
  }
}
