/**
 * Decoded images (RGBA pixels, any size) -> a model's input: resized to its H x W, reduced to its C channels and
 * scaled to its input range, as [H, W, C] floats. Pure: the page decodes PNG/JPEG (createImageBitmap) and hands
 * the pixels here, so the same math runs in Node tests.
 */
import { ModelImportError } from './model-file';

/** The value ranges a model's input can expect; the user chooses one for an imported model. */
export const INPUT_RANGES = {
  '0-1': { min: 0, max: 1 },
  '-1-1': { min: -1, max: 1 },
  '0-255': { min: 0, max: 255 },
} as const;

export type ModelInputRange = keyof typeof INPUT_RANGES;

export const INPUT_RANGE_IDS = Object.keys(INPUT_RANGES) as ModelInputRange[];

/** The most images kept for calibration and agreement (a 224x224x3 image is 0.6 MB of floats). */
export const MAX_CALIBRATION_IMAGES = 500;

/** Whether a model's input is an image other than MNIST's 28x28x1: it is calibrated on the user's images. */
export function needsCalibrationImages(inputShape: readonly number[]): boolean {
  return inputShape.join(',') !== '28,28,1';
}

/** Decoded pixels: `width * height * 4` bytes, RGBA row-major (ImageData's layout). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** ITU-R BT.601 luma weights, as PIL's convert('L') and tf.image.rgb_to_grayscale use. */
const LUMA = [0.299, 0.587, 0.114];

/**
 * Bilinear resize with half-pixel centres (tf.image.resize 'bilinear', as Keras preprocessing resizes; no
 * antialiasing), then C = 3 keeps RGB, C = 1 takes the luma; alpha is ignored. Returns [h, w, c] floats in `range`.
 * @param shape the model's input [H, W, C] (C is 1 or 3)
 */
export function imageToModelInput(image: RgbaImage, shape: readonly number[], range: ModelInputRange): Float32Array {
  const [h, w, c] = shape;
  if (shape.length !== 3 || !(c === 1 || c === 3))
    throw new ModelImportError({ code: 'import-image-input', shape: [...shape] });
  const { width: sw, height: sh, data } = image;
  if (sw < 1 || sh < 1 || data.length !== sw * sh * 4)
    throw new ModelImportError({ code: 'import-image-pixels', bytes: data.length, width: sw, height: sh });
  const { min, max } = INPUT_RANGES[range];
  const scale = (max - min) / 255;
  const out = new Float32Array(h * w * c);
  const sy = sh / h;
  const sx = sw / w;
  const rgb = [0, 0, 0];
  for (let y = 0; y < h; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const dx = fx - x0;
      const a = (y0 * sw + x0) * 4;
      const b = (y0 * sw + x1) * 4;
      const d = (y1 * sw + x0) * 4;
      const e = (y1 * sw + x1) * 4;
      for (let k = 0; k < 3; k++) {
        const top = data[a + k] + (data[b + k] - data[a + k]) * dx;
        const bottom = data[d + k] + (data[e + k] - data[d + k]) * dx;
        rgb[k] = top + (bottom - top) * dy;
      }
      const at = (y * w + x) * c;
      if (c === 3) for (let k = 0; k < 3; k++) out[at + k] = min + rgb[k] * scale;
      else out[at] = min + (LUMA[0] * rgb[0] + LUMA[1] * rgb[1] + LUMA[2] * rgb[2]) * scale;
    }
  }
  return out;
}

/** Stacks per-image inputs ([H, W, C] each) into one [count, H, W, C] batch. */
export function stackModelInputs(
  inputs: readonly Float32Array[],
  shape: readonly number[],
): { count: number; shape: number[]; values: Float32Array } {
  const per = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(inputs.length * per);
  inputs.forEach((v, i) => {
    if (v.length !== per)
      throw new ModelImportError({ code: 'import-image-values', image: i + 1, values: v.length, per });
    values.set(v, i * per);
  });
  return { count: inputs.length, shape: [...shape], values };
}

/** Values scaled for range `from` re-expressed in range `to` (the same pixels, a new linear map). */
export function changeInputRange(values: Float32Array, from: ModelInputRange, to: ModelInputRange): Float32Array {
  const a = INPUT_RANGES[from];
  const b = INPUT_RANGES[to];
  const k = (b.max - b.min) / (a.max - a.min);
  return values.map((v) => b.min + (v - a.min) * k);
}
