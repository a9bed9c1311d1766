import { describe, expect, it } from 'vitest';
import type { FloatReport, ModeReport } from '../report/report';
import {
  accuracyAxisDomain,
  accuracyAxisTicks,
  buildChartSeries,
  deltaPercentagePoints,
  sizeSeries,
} from './chart-series';

const FLOAT: FloatReport = {
  test_accuracy: 0.98,
  params: 20410,
  train_seconds: 30,
  epochs: 1,
  train_images: 60000,
  backend: 'webgl',
};
const LITERT = 'LiteRT.js 2.5.3 (wasm, XNNPACK)';

function mode(name: string, bytes: number, accuracy: number, extra: Partial<ModeReport> = {}): ModeReport {
  return { mode: name, file: `mnist-tutorial-${name}.tflite`, bytes, accuracy, accuracy_engine: LITERT, ...extra };
}

const MODES: ModeReport[] = [
  mode('float32', 84000, 0.98, { latency: { median_ms: 0.5, p90_ms: 0.7, samples: 200 } }),
  mode('int8', 24000, 0.9775, {
    simulated_accuracy: 0.9776,
    simulation_agreement: 0.999,
    latency: { median_ms: 0.3, p90_ms: 0.4, samples: 200 },
  }),
  mode('float16', 42000, 0.9801),
];

describe('deltaPercentagePoints', () => {
  it.each<[number, number, number]>([
    [0.98, 0.98, 0],
    [0.9775, 0.98, -0.25],
    [0.9812, 0.98, 0.12],
    [0.5, 1, -50],
  ])('%s vs %s -> %s pp', (a, ref, want) => expect(deltaPercentagePoints(a, ref)).toBeCloseTo(want, 10));
});

describe('buildChartSeries', () => {
  const s = buildChartSeries({ float: FLOAT, modes: MODES });

  it('keeps the float TF.js reference and its engine', () => {
    expect(s.accuracy.floatReference).toBe(0.98);
    expect(s.accuracy.floatEngine).toBe('TF.js (webgl)');
  });

  it('gives one accuracy point per mode, in order, with the runtime engine', () => {
    expect(s.accuracy.points.map((p) => p.mode)).toEqual(['float32', 'int8', 'float16']);
    expect(s.accuracy.points.every((p) => p.engine === LITERT)).toBe(true);
    expect(s.accuracy.points[1].deltaPp).toBeCloseTo(-0.25, 10);
  });

  it('carries simulation numbers only when present', () => {
    expect(s.accuracy.points[1]).toMatchObject({ simulated: 0.9776, simulationAgreement: 0.999 });
    expect('simulated' in s.accuracy.points[2]).toBe(false);
  });

  it.each<[string, number, number]>([
    ['float32', 84000 / 1024, 1],
    ['int8', 24000 / 1024, 24000 / 84000],
    ['float16', 42000 / 1024, 0.5],
  ])('size of %s', (name, kib, ratio) => {
    const p = s.size.find((x) => x.mode === name)!;
    expect(p.kib).toBeCloseTo(kib, 10);
    expect(p.ratioVsFloat32).toBeCloseTo(ratio, 10);
  });

  it('pairs size with runtime accuracy', () => {
    expect(s.sizeVsAccuracy[1]).toEqual({ mode: 'int8', kib: 24000 / 1024, accuracy: 0.9775 });
  });

  it('lists latency only for timed modes', () => {
    expect(s.latency).toEqual([
      { mode: 'float32', median_ms: 0.5, p90_ms: 0.7, samples: 200, engine: LITERT },
      { mode: 'int8', median_ms: 0.3, p90_ms: 0.4, samples: 200, engine: LITERT },
    ]);
  });
});

describe('sizeSeries without a float32 file', () => {
  it('leaves the ratio undefined rather than guessing', () => {
    const [p] = sizeSeries([mode('int8', 1000, 0.9)]);
    expect(p.ratioVsFloat32).toBeUndefined();
    expect(p.bytes).toBe(1000);
  });

  it('handles no modes', () => {
    expect(buildChartSeries({ float: FLOAT, modes: [] })).toMatchObject({ size: [], latency: [], sizeVsAccuracy: [] });
  });
});

describe('accuracyAxisDomain', () => {
  it.each<[number[], [number, number]]>([
    [
      [0.98, 0.9775, 0.9812],
      [0.97, 1],
    ],
    [[0.985], [0.98, 1]],
    [
      [0.5, 0.99],
      [0.49, 1],
    ],
    [[1], [0.99, 1]],
    [[0.001], [0, 1]],
    [[], [0, 1]],
  ])('%j -> %j', (values, want) => {
    const [lo, hi] = accuracyAxisDomain(values);
    expect(lo).toBeCloseTo(want[0], 12);
    expect(hi).toBe(want[1]);
  });
});

describe('accuracyAxisTicks', () => {
  it.each<[[number, number], number[]]>([
    [
      [0.97, 1],
      [0.97, 0.98, 0.99, 1],
    ],
    [
      [0.99, 1],
      [0.99, 1],
    ],
    [
      [0.49, 1],
      [0.5, 0.6, 0.7, 0.8, 0.9, 1],
    ],
    [
      [0, 1],
      [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    ],
  ])('%j -> %j', (domain, want) => {
    const ticks = accuracyAxisTicks(domain);
    expect(ticks).toHaveLength(want.length);
    ticks.forEach((t, i) => expect(t).toBeCloseTo(want[i], 12));
  });
});
