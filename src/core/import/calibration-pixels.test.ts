import { describe, expect, it } from 'vitest';
import {
  changeInputRange,
  imageToModelInput,
  needsCalibrationImages,
  stackModelInputs,
  type RgbaImage,
} from './calibration-pixels';

function rgba(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

describe('imageToModelInput', () => {
  it.each([
    ['0-1', [1, 0, 51 / 255]],
    ['-1-1', [1, -1, -1 + (2 * 51) / 255]],
    ['0-255', [255, 0, 51]],
  ] as const)('scales a flat colour to %s', (range, expected) => {
    const out = imageToModelInput(
      rgba(5, 3, () => [255, 0, 51]),
      [4, 4, 3],
      range,
    );
    expect(out.length).toBe(48);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i % 3], 5);
  });

  it('keeps pixels when the size matches and takes BT.601 luma for one channel', () => {
    const img = rgba(2, 2, (x, y) => [x * 100, y * 200, 50]);
    expect([...imageToModelInput(img, [2, 2, 3], '0-255')]).toEqual([0, 0, 50, 100, 0, 50, 0, 200, 50, 100, 200, 50]);
    const grey = imageToModelInput(img, [2, 2, 1], '0-255');
    expect(grey[3]).toBeCloseTo(0.299 * 100 + 0.587 * 200 + 0.114 * 50, 4);
  });

  it('resizes bilinearly with half-pixel centres (tf.image.resize)', () => {
    // A 4-wide ramp 0, 80, 160, 240 halved: each output pixel averages its two source pixels.
    const down = imageToModelInput(
      rgba(4, 1, (x) => [x * 80, 0, 0]),
      [1, 2, 1],
      '0-255',
    );
    expect(down[0]).toBeCloseTo(0.299 * 40, 4);
    expect(down[1]).toBeCloseTo(0.299 * 200, 4);
    // 2 -> 4 upsampling: centres at -0.25 (clamped), 0.25, 0.75, 1.25 (clamped) of the source.
    const up = imageToModelInput(
      rgba(2, 1, (x) => [x * 200, x * 200, x * 200]),
      [1, 4, 3],
      '0-255',
    );
    expect([0, 3, 6, 9].map((i) => up[i])).toEqual([0, 50, 150, 200]);
  });

  it('refuses inputs that are not images and pixels that do not match their size', () => {
    expect(() =>
      imageToModelInput(
        rgba(2, 2, () => [0, 0, 0]),
        [784],
        '0-1',
      ),
    ).toThrow(/not an image/);
    expect(() =>
      imageToModelInput(
        rgba(2, 2, () => [0, 0, 0]),
        [8, 8, 4],
        '0-1',
      ),
    ).toThrow(/not an image/);
    expect(() => imageToModelInput({ width: 3, height: 3, data: new Uint8Array(8) }, [2, 2, 3], '0-1')).toThrow(
      /not 3x3 RGBA/,
    );
  });
});

describe('stackModelInputs', () => {
  it('stacks images into one batch and checks each size', () => {
    const batch = stackModelInputs([new Float32Array([1, 2]), new Float32Array([3, 4])], [1, 2, 1]);
    expect(batch).toEqual({ count: 2, shape: [1, 2, 1], values: new Float32Array([1, 2, 3, 4]) });
    expect(() => stackModelInputs([new Float32Array(3)], [1, 2, 1])).toThrow(/3 values, not 2/);
  });
});

describe('changeInputRange and needsCalibrationImages', () => {
  it('re-expresses scaled pixels in another range, as scaling the pixels again would', () => {
    const img = rgba(3, 2, (x, y) => [x * 90, y * 255, 17]);
    const from01 = imageToModelInput(img, [2, 2, 3], '0-1');
    const direct = imageToModelInput(img, [2, 2, 3], '-1-1');
    const changed = changeInputRange(from01, '0-1', '-1-1');
    for (let i = 0; i < direct.length; i++) expect(changed[i]).toBeCloseTo(direct[i], 5);
    expect(changeInputRange(changed, '-1-1', '0-255')[2]).toBeCloseTo(17, 4);
  });

  it.each([
    [[28, 28, 1], false],
    [[32, 32, 3], true],
    [[224, 224, 3], true],
    [[28, 28, 3], true],
  ])('%j needs calibration images: %s', (shape, expected) => {
    expect(needsCalibrationImages(shape)).toBe(expected);
  });
});
