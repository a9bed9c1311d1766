/**
 * PNG/JPEG files -> a model's calibration batch: the browser decodes each file (createImageBitmap, then an
 * OffscreenCanvas for its RGBA pixels), the core resizes and scales it (src/core/import/calibration-pixels.ts).
 */
import {
  imageToModelInput,
  MAX_CALIBRATION_IMAGES,
  stackModelInputs,
  type ModelInputRange,
  type RgbaImage,
} from '../../core/import/calibration-pixels';
import type { UnlabelledImages } from '../../core/pipeline/unlabelled-modes';
import { CancelledError } from '../../bridge/worker-bridge';

/** The decoded batch, and the names of the files that are not images the browser decodes. */
export interface DecodedImages {
  images: UnlabelledImages;
  refused: string[];
  /** Files beyond MAX_CALIBRATION_IMAGES that were not read. */
  dropped: number;
}

/** A file's RGBA pixels at its own size; throws when the browser cannot decode it as an image. */
async function decodePixels(file: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(file);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, data };
  } finally {
    bitmap.close();
  }
}

/**
 * Decodes `files` one at a time into [count, ...shape] model inputs in `range`; `onProgress(done, total)`
 * after each. Throws CancelledError when `signal` aborts (nothing is kept).
 */
export async function decodeCalibrationImages(
  files: readonly File[],
  shape: readonly number[],
  range: ModelInputRange,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<DecodedImages> {
  const chosen = files.slice(0, MAX_CALIBRATION_IMAGES);
  const inputs: Float32Array[] = [];
  const refused: string[] = [];
  for (const [i, file] of chosen.entries()) {
    if (signal.aborted) throw new CancelledError();
    const pixels = await decodePixels(file).catch(() => undefined);
    if (pixels) inputs.push(imageToModelInput(pixels, shape, range));
    else refused.push(file.name);
    onProgress(i + 1, chosen.length);
  }
  if (signal.aborted) throw new CancelledError();
  return { images: stackModelInputs(inputs, shape), refused, dropped: files.length - chosen.length };
}
