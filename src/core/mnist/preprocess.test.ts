import { describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../node/mnist-node';
import { centreOfMass, inkBox, MNIST_BOX, MNIST_SIDE, preprocessDrawing } from './preprocess';

/** A `width` x `height` canvas with the rectangles filled with ink 1. */
function canvas(width: number, height: number, rects: [x: number, y: number, w: number, h: number][]): Float32Array {
  const g = new Float32Array(width * height);
  for (const [x0, y0, w, h] of rects) {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) g[y * width + x] = 1;
  }
  return g;
}

function boxSides(image: Float32Array): { w: number; h: number } {
  const b = inkBox(image, MNIST_SIDE, MNIST_SIDE)!;
  return { w: b.right - b.left + 1, h: b.bottom - b.top + 1 };
}

function correlation(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('preprocessDrawing', () => {
  it.each([
    { name: 'centred square', rects: [[100, 100, 80, 80]] as [number, number, number, number][] },
    { name: 'tall bar in a corner', rects: [[5, 10, 20, 200]] as [number, number, number, number][] },
    { name: 'wide bar at the bottom', rects: [[30, 250, 240, 25]] as [number, number, number, number][] },
    {
      name: 'L shape off-centre',
      rects: [
        [200, 20, 15, 150],
        [200, 155, 70, 15],
      ] as [number, number, number, number][],
    },
    { name: 'tiny dot', rects: [[3, 3, 2, 2]] as [number, number, number, number][] },
  ])('$name: larger side 20 px, centre of mass within 0.5 px of (14, 14)', ({ rects }) => {
    const { image, empty } = preprocessDrawing(canvas(280, 280, rects), 280, 280);
    expect(empty).toBe(false);
    const { w, h } = boxSides(image);
    expect(Math.max(w, h)).toBe(MNIST_BOX);
    const c = centreOfMass(image, MNIST_SIDE, MNIST_SIDE);
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('keeps a centred square centred and keeps its aspect ratio', () => {
    const { image } = preprocessDrawing(canvas(280, 280, [[90, 90, 100, 100]]), 280, 280);
    const b = inkBox(image, MNIST_SIDE, MNIST_SIDE)!;
    // Its centre of mass (index 9.5 in the 20-px box) lands on 14.5: the nearest whole shift to 14.
    expect(b).toEqual({ left: 5, top: 5, right: 24, bottom: 24 });
    const tall = preprocessDrawing(canvas(280, 280, [[0, 0, 50, 200]]), 280, 280).image;
    expect(boxSides(tall)).toEqual({ w: 5, h: 20 });
  });

  it('moves an off-centre stroke to the same place as a centred one', () => {
    const off = preprocessDrawing(canvas(300, 200, [[10, 10, 30, 60]]), 300, 200).image;
    const mid = preprocessDrawing(canvas(300, 200, [[135, 70, 30, 60]]), 300, 200).image;
    expect(Array.from(off)).toEqual(Array.from(mid));
  });

  it('averages partial coverage (anti-aliasing) and keeps values in [0, 1]', () => {
    // A filled box stays full ink; two 1-px lines 200 px apart become 1/10-of-a-pixel greys.
    const { image } = preprocessDrawing(canvas(200, 200, [[0, 0, 200, 200]]), 200, 200);
    expect(Math.max(...image)).toBeCloseTo(1, 5);
    expect(Math.min(...image)).toBeGreaterThanOrEqual(0);
    const faint = preprocessDrawing(
      canvas(200, 200, [
        [0, 0, 1, 200],
        [199, 0, 1, 200],
      ]),
      200,
      200,
    ).image;
    expect(Math.max(...faint)).toBeCloseTo(0.1, 5);
  });

  it('flags an empty drawing and returns zeros', () => {
    const { image, empty, box } = preprocessDrawing(new Float32Array(280 * 280), 280, 280);
    expect(empty).toBe(true);
    expect(box).toBeUndefined();
    expect(image).toHaveLength(784);
    expect(image.every((v) => v === 0)).toBe(true);
    // Faint noise under the threshold is also "nothing drawn".
    expect(preprocessDrawing(new Float32Array(100).fill(0.01), 10, 10, 0.05).empty).toBe(true);
  });

  it('rejects a size that does not match the data', () => {
    expect(() => preprocessDrawing(new Float32Array(10), 4, 4)).toThrow(RangeError);
    expect(() => preprocessDrawing(new Float32Array(0), 0, 0)).toThrow(RangeError);
  });

  it('maps real MNIST test digits, upscaled x10, back close to the originals', () => {
    const test = loadMnistFromIdx().test;
    const correlations: number[] = [];
    for (let n = 0; n < 50; n++) {
      const original = new Float32Array(784);
      for (let i = 0; i < 784; i++) original[i] = test.images[n * 784 + i] / 255;
      const big = new Float32Array(280 * 280);
      for (let y = 0; y < 280; y++)
        for (let x = 0; x < 280; x++) big[y * 280 + x] = original[Math.floor(y / 10) * 28 + Math.floor(x / 10)];
      correlations.push(correlation(preprocessDrawing(big, 280, 280).image, original));
    }
    const mean = correlations.reduce((a, b) => a + b, 0) / correlations.length;
    expect(mean).toBeGreaterThan(0.95);
    expect(Math.min(...correlations)).toBeGreaterThan(0.85);
  });
});
