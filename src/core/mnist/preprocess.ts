/**
 * Turns a free-hand drawing into a model input the way the MNIST images were made (LeCun, Cortes
 * and Burges, "The MNIST database": each digit was size-normalized to fit a 20x20 box preserving
 * its aspect ratio, anti-aliased, then centred in 28x28 by its centre of mass).
 */

/** Side of the MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Side of the box the digit's larger dimension is scaled to. */
export const MNIST_BOX = 20;

/** Inclusive pixel bounds of the ink in the source drawing. */
export interface InkBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PreprocessedDrawing {
  /** [784] intensities in [0, 1], row-major 28 x 28 (all zeros when `empty`). */
  image: Float32Array;
  /** True when the drawing had no ink: there is nothing to classify. */
  empty: boolean;
  /** Where the ink was in the source drawing (undefined when empty). */
  box?: InkBox;
}

/**
 * MNIST-style preprocessing of a drawing.
 * @param gray [height * width] ink intensities, row-major, 0 = background .. 1 = full ink
 * @param width source width in pixels
 * @param height source height in pixels
 * @param threshold a pixel counts as ink for the bounding box when its value exceeds this
 */
export function preprocessDrawing(
  gray: Float32Array,
  width: number,
  height: number,
  threshold = 0,
): PreprocessedDrawing {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`preprocessDrawing: width and height must be positive integers, got ${width} x ${height}`);
  }
  if (gray.length !== width * height) {
    throw new RangeError(`preprocessDrawing: ${gray.length} values is not ${width} x ${height}`);
  }
  const image = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  const box = inkBox(gray, width, height, threshold);
  if (!box) return { image, empty: true };

  const w = box.right - box.left + 1;
  const h = box.bottom - box.top + 1;
  const scale = MNIST_BOX / Math.max(w, h);
  const ow = Math.max(1, Math.min(MNIST_BOX, Math.round(w * scale)));
  const oh = Math.max(1, Math.min(MNIST_BOX, Math.round(h * scale)));
  const digit = resampleArea(gray, width, box, ow, oh);

  // MNIST's centres of mass sit at pixel index (14, 14) on average (measured on the test set),
  // so the target is index 14, not the geometric centre 13.5. Whole-pixel shifts keep strokes sharp.
  const { x: cx, y: cy } = centreOfMass(digit, ow, oh);
  const dx = Math.round(MNIST_SIDE / 2 - cx);
  const dy = Math.round(MNIST_SIDE / 2 - cy);
  for (let y = 0; y < oh; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < ow; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= MNIST_SIDE) continue;
      image[ty * MNIST_SIDE + tx] = digit[y * ow + x];
    }
  }
  return { image, empty: false, box };
}

/** Bounding box of the pixels above `threshold`, or undefined when there are none. */
export function inkBox(gray: Float32Array, width: number, height: number, threshold = 0): InkBox | undefined {
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (gray[row + x] > threshold) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        bottom = y;
      }
    }
  }
  return right < 0 ? undefined : { left, top, right, bottom };
}

/**
 * Centre of mass in pixel-index coordinates (pixel (0, 0) is at (0, 0), as scipy's
 * `ndimage.center_of_mass`). Returns the geometric centre for an all-zero image.
 */
export function centreOfMass(image: Float32Array, width: number, height: number): { x: number; y: number } {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x];
      mass += v;
      sx += x * v;
      sy += y * v;
    }
  }
  return mass > 0 ? { x: sx / mass, y: sy / mass } : { x: (width - 1) / 2, y: (height - 1) / 2 };
}

/** One output pixel's source footprint along one axis: first source index and the weight of each. */
interface Footprint {
  start: number;
  weights: number[];
}

/**
 * Area-averaging weights from `n` source pixels (starting at `offset`) onto `m` output pixels:
 * output pixel i averages the source over [i * n / m, (i + 1) * n / m), each source pixel weighted
 * by how much of it falls inside. The weights of one output pixel sum to 1.
 */
function footprints(offset: number, n: number, m: number): Footprint[] {
  const step = n / m;
  const out: Footprint[] = [];
  for (let i = 0; i < m; i++) {
    const a = i * step;
    const b = (i + 1) * step;
    const first = Math.floor(a);
    const last = Math.min(n - 1, Math.ceil(b) - 1);
    const weights: number[] = [];
    for (let s = first; s <= last; s++) weights.push((Math.min(b, s + 1) - Math.max(a, s)) / step);
    out.push({ start: offset + first, weights });
  }
  return out;
}

/** Resamples the `box` region of `gray` to `ow` x `oh` by area averaging (separable box filter). */
function resampleArea(gray: Float32Array, width: number, box: InkBox, ow: number, oh: number): Float32Array {
  const w = box.right - box.left + 1;
  const h = box.bottom - box.top + 1;
  const fx = footprints(box.left, w, ow);
  const fy = footprints(box.top, h, oh);
  // Horizontal pass over the box's rows, then the vertical pass.
  const rows = new Float32Array(h * ow);
  for (let y = 0; y < h; y++) {
    const src = (box.top + y) * width;
    for (let x = 0; x < ow; x++) {
      const { start, weights } = fx[x];
      let acc = 0;
      for (let k = 0; k < weights.length; k++) acc += weights[k] * gray[src + start + k];
      rows[y * ow + x] = acc;
    }
  }
  const out = new Float32Array(oh * ow);
  for (let y = 0; y < oh; y++) {
    const { start, weights } = fy[y];
    const first = start - box.top;
    for (let x = 0; x < ow; x++) {
      let acc = 0;
      for (let k = 0; k < weights.length; k++) acc += weights[k] * rows[(first + k) * ow + x];
      out[y * ow + x] = Math.min(1, Math.max(0, acc));
    }
  }
  return out;
}
