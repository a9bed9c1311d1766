import {
  instantiateKernelExports,
  KernelInstance,
  type CnnTrainSource,
  type KernelMemoryExports,
} from '../train/cnn-train-kernel';
import type { ActivationQuant } from './fake-quant';
import type { QatCnnKernel } from './qat-cnn-kernel';

interface QatExports extends KernelMemoryExports {
  qatConv(n: number): number;
  qatDense(n: number, scale: number, zp: number, nudgedMin: number, nudgedMax: number): number;
  qatBackward(n: number, scale: number, zp: number, nudgedMin: number, nudgedMax: number): void;
  qatMax(): number;
}

/** Instantiates the QAT entry points of the WASM SIMD kernel (kernels/cnn-train.ts), its own instance. */
export async function instantiateQatCnnKernel(source: CnnTrainSource): Promise<QatCnnKernel> {
  return new WasmQatCnnKernel((await instantiateKernelExports(source)) as unknown as QatExports);
}

class WasmQatCnnKernel extends KernelInstance<QatExports> implements QatCnnKernel {
  readonly kind = 'wasm-simd';
  private n = 0;

  constructor(x: QatExports) {
    super(x, 'QAT');
  }

  conv(images: Float32Array, weights: readonly Float32Array[], n: number): [number, number] {
    this.writeImages(images, n);
    this.n = n;
    this.writeFlat(this.x.paramsPtr(), weights);
    const lo = this.x.qatConv(n);
    return [lo, this.x.qatMax()];
  }

  dense(p: ActivationQuant): [number, number] {
    const lo = this.x.qatDense(this.n, p.scale, p.zeroPoint, p.nudgedMin, p.nudgedMax);
    return [lo, this.x.qatMax()];
  }

  backward(p: ActivationQuant, labels: Uint8Array): Float32Array {
    this.writeLabels(labels, this.n);
    this.x.qatBackward(this.n, p.scale, p.zeroPoint, p.nudgedMin, p.nudgedMax);
    return this.readProbs(this.n);
  }

  gradients(): Float32Array[] {
    return this.readFlat(this.x.gradsPtr());
  }
}
