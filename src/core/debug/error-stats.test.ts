import { describe, expect, it } from 'vitest';
import { seededRandom } from '../graph/random-weights';
import { FLAG_RMSE_OVER_SCALE, ROUNDING_RMSE_OVER_SCALE, errorStats, isFlagged } from './error-stats';

/** Quantize-dequantize to an int8 grid with `scale` and zero point 0 (clamped to [-128, 127]). */
function fakeQuant(x: Float32Array, scale: number): Float32Array {
  return x.map((v) => Math.min(127, Math.max(-128, Math.round(v / scale))) * scale);
}

const rand = seededRandom(7);
const uniform = Float32Array.from({ length: 100_000 }, () => rand() * 2 - 1);

describe('errorStats', () => {
  it.each([
    // name, scale used to quantize, expected rmse/scale, flagged
    ['well calibrated range [-1, 1]', 2 / 255, ROUNDING_RMSE_OVER_SCALE, false],
    ['coarser grid than needed (range [-2, 2])', 4 / 255, ROUNDING_RMSE_OVER_SCALE, false],
    // Values beyond +-0.25 are clipped: error |x| - 0.25 on 3/4 of them, mse = 0.75 * 0.75^2 / 3.
    ['clipped range [-0.25, 0.25]', 0.5 / 255, Math.sqrt(0.75 ** 3 / 3) / (0.5 / 255), true],
  ] as const)('%s', (_name, scale, expected, flagged) => {
    const s = errorStats(uniform, fakeQuant(uniform, scale), scale);
    expect(s.numElements).toBe(uniform.length);
    expect(s.rmseOverScale).not.toBeNull();
    expect(Math.abs((s.rmseOverScale as number) / expected - 1)).toBeLessThan(0.02);
    expect(isFlagged(s)).toBe(flagged);
    expect(s.rmse).toBeCloseTo(Math.sqrt(s.meanSquaredError), 12);
  });

  it('rounding noise on [-1, 1] gives about 0.289 and a high SNR', () => {
    const scale = 2 / 255;
    const s = errorStats(uniform, fakeQuant(uniform, scale), scale);
    expect(s.rmseOverScale as number).toBeGreaterThan(0.28);
    expect(s.rmseOverScale as number).toBeLessThan(0.3);
    expect(s.rmseOverScale as number).toBeLessThan(FLAG_RMSE_OVER_SCALE);
    // Signal power 1/3, noise power scale^2 / 12.
    expect(s.snrDb).toBeCloseTo(10 * Math.log10(1 / 3 / ((scale * scale) / 12)), 0);
    expect(Math.abs(s.meanError)).toBeLessThan(1e-3);
    expect(s.maxAbsError).toBeLessThanOrEqual(scale / 2 + 1e-7);
  });

  it('identical arrays: zero error, infinite SNR', () => {
    const s = errorStats(uniform, uniform, 0.01);
    expect(s).toMatchObject({
      meanError: 0,
      stddev: 0,
      maxAbsError: 0,
      meanSquaredError: 0,
      rmse: 0,
      snrDb: Infinity,
      rmseOverScale: 0,
    });
    expect(isFlagged(s)).toBe(false);
  });

  it('a constant offset is all mean error, no spread', () => {
    const s = errorStats([1, 2, 3, 4], [1.5, 2.5, 3.5, 4.5]);
    expect(s.meanError).toBeCloseTo(0.5, 12);
    expect(s.stddev).toBeCloseTo(0, 6);
    expect(s.maxAbsError).toBeCloseTo(0.5, 12);
    expect(s.scale).toBeNull();
    expect(s.rmseOverScale).toBeNull();
    expect(isFlagged(s)).toBe(false);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => errorStats([1, 2], [1])).toThrow(/2 reference values vs 1/);
  });
});
