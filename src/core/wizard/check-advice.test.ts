import { describe, expect, it } from 'vitest';
import type { ModeReport } from '../report/report';
import { WIZARD_TREE, type Leaf } from './decision-tree';
import { checkRecommendation, type Finding, type FindingCode } from './check-advice';

const leaf = (id: string) => WIZARD_TREE.nodes[id] as Leaf;

/** A report with the tutorial's reference sizes (TFLITE-NOTES.md) unless overridden. */
function report(mode: string, accuracy: number, bytes: number, medianMs?: number): ModeReport {
  return {
    mode,
    file: `${mode}.tflite`,
    bytes,
    accuracy,
    accuracy_engine: 'test',
    ...(medianMs === undefined ? {} : { latency: { median_ms: medianMs, p90_ms: medianMs * 1.2, samples: 100 } }),
  };
}

const FLOAT = { accuracy: 0.98 };
const f32 = report('float32', 0.98, 84_688, 0.4);
const codes = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.code}`);
const find = (fs: Finding[], code: FindingCode) => fs.find((f) => f.code === code);

describe('checkRecommendation', () => {
  it('all good: small drop, ~4x smaller, faster', () => {
    const fs = checkRecommendation(leaf('leaf-cpu-int8'), [f32, report('int8', 0.978, 24_640, 0.2)], FLOAT, {
      tolerancePoints: 0.5,
    });
    expect(codes(fs)).toEqual(['ok:accuracy-ok', 'ok:size-ok', 'ok:speed-ok']);
    expect(find(fs, 'accuracy-ok')!.text).toContain('0.20 percentage points');
  });

  it.each<[string, string, string[], RegExp]>([
    ['int8 suggests 16x8 then QAT', 'leaf-cpu-int8', ['int16x8', 'qat'], /try int16x8 next.*try qat next/],
    ['dynamic suggests float16', 'leaf-cpu-dynamic', ['float16', 'int16x8'], /try float16 next/],
    ['int8-io suggests QAT', 'leaf-integer-int8-io', ['qat'], /try qat next/],
    ['integer QAT has no mode left', 'leaf-integer-qat', [], /more quantization-aware training epochs/],
  ])('drop beyond tolerance warns: %s', (_, id, suggest, text) => {
    const l = leaf(id);
    const fs = checkRecommendation(l, [f32, report(l.mode, 0.96, 24_000, 0.3)], FLOAT, { tolerancePoints: 0.5 });
    const f = find(fs, 'accuracy-drop')!;
    expect(f.severity).toBe('warn');
    expect(f.suggest).toEqual(suggest);
    expect(f.text).toContain('2.00 percentage points');
    expect(f.text).toMatch(text);
  });

  it('reports how the measured next option did', () => {
    const fs = checkRecommendation(
      leaf('leaf-cpu-int8'),
      [f32, report('int8', 0.97, 24_640, 0.3), report('int16x8', 0.979, 24_700, 0.6)],
      FLOAT,
      { tolerancePoints: 0.5 },
    );
    expect(find(fs, 'accuracy-drop')!.text).toMatch(
      /int16x8 .* measured 97\.90%, a drop of 0\.10 percentage points, within tolerance/,
    );
  });

  it('the tolerance decides: the same drop passes a looser one', () => {
    const measured = [f32, report('int8', 0.97, 24_640, 0.3)];
    expect(
      find(checkRecommendation(leaf('leaf-cpu-int8'), measured, FLOAT, { tolerancePoints: 0.5 }), 'accuracy-drop'),
    ).toBeDefined();
    expect(
      find(checkRecommendation(leaf('leaf-cpu-int8'), measured, FLOAT, { tolerancePoints: 1.5 }), 'accuracy-ok'),
    ).toBeDefined();
  });

  it.each<[string, string, number, string]>([
    ['int8 slower than float on this CPU warns and explains XNNPACK', 'leaf-cpu-int8', 0.6, 'warn'],
    ['int8-io slower here is only info: the target is not this CPU', 'leaf-integer-int8-io', 0.6, 'info'],
    ['16x8 slower is expected', 'leaf-cpu-int16x8', 0.9, 'info'],
  ])('%s', (_, id, medianMs, severity) => {
    const l = leaf(id);
    const fs = checkRecommendation(l, [f32, report(l.mode, 0.98, 24_640, medianMs)], FLOAT, { tolerancePoints: 0.5 });
    const f = find(fs, 'speed-slower')!;
    expect(f.severity).toBe(severity);
    if (l.expected.speed === 'faster') expect(f.text).toMatch(/XNNPACK/);
    else expect(f.text).toMatch(/as expected/);
  });

  it('says when an expected speed-up did not show', () => {
    const fs = checkRecommendation(leaf('leaf-cpu-dynamic'), [f32, report('dynamic', 0.98, 24_096, 0.41)], FLOAT, {
      tolerancePoints: 0.5,
    });
    expect(find(fs, 'speed-same')?.severity).toBe('info');
  });

  it('notes that GPU and accelerator speed is not measured here', () => {
    const fs = checkRecommendation(leaf('leaf-gpu-float16'), [f32, report('float16', 0.98, 44_272, 0.4)], FLOAT, {
      tolerancePoints: 0.5,
    });
    expect(find(fs, 'target-not-measured')!.text).toMatch(/not on a GPU/);
    expect(find(fs, 'size-ok')).toBeDefined();
  });

  it.each<[string, number, string | undefined]>([
    ['3.4x of a promised 4x is fine', 24_900, 'size-ok'],
    ['2.8x of 4x is short (info)', 30_000, 'info'],
    ['1.5x of 4x is far short (warn)', 56_000, 'warn'],
  ])('size: %s', (_, bytes, expected) => {
    const fs = checkRecommendation(leaf('leaf-cpu-int8'), [f32, report('int8', 0.98, bytes, 0.3)], FLOAT, {
      tolerancePoints: 0.5,
    });
    if (expected === 'size-ok') expect(find(fs, 'size-ok')).toBeDefined();
    else expect(find(fs, 'size-short')?.severity).toBe(expected);
  });

  it('flags an alternative that beat the recommendation on every measure', () => {
    const fs = checkRecommendation(
      leaf('leaf-cpu-int16x8'),
      [f32, report('int16x8', 0.979, 24_700, 0.9), report('int8', 0.979, 24_640, 0.3)],
      FLOAT,
      { tolerancePoints: 0.5 },
    );
    expect(find(fs, 'dominated')?.suggest).toEqual(['int8']);
  });

  it('does not flag an alternative that is less accurate', () => {
    const fs = checkRecommendation(
      leaf('leaf-cpu-int16x8'),
      [f32, report('int16x8', 0.979, 24_700, 0.9), report('int8', 0.975, 24_640, 0.3)],
      FLOAT,
      { tolerancePoints: 0.5 },
    );
    expect(find(fs, 'dominated')).toBeUndefined();
  });

  it('warns when the recommendation was not measured', () => {
    const fs = checkRecommendation(leaf('leaf-cpu-qat'), [f32], FLOAT, { tolerancePoints: 0.5 });
    expect(codes(fs)).toEqual(['warn:missing']);
  });

  it('keeps the prerequisite in front of the learner', () => {
    const fs = checkRecommendation(
      leaf('leaf-integer-needs-data'),
      [f32, report('int8-io', 0.98, 24_720, 0.3)],
      FLOAT,
      { tolerancePoints: 0.5 },
    );
    expect(fs[0]!.code).toBe('prerequisite');
  });

  it('for "keep float32", lists what each alternative would save', () => {
    const fs = checkRecommendation(
      leaf('leaf-float32'),
      [f32, report('dynamic', 0.979, 24_096, 0.3), report('float16', 0.98, 44_272, 0.4)],
      FLOAT,
      {
        tolerancePoints: 0.5,
      },
    );
    expect(codes(fs)).toEqual(['ok:accuracy-ok', 'info:float-gain', 'info:float-gain']);
    expect(fs[1]!.text).toMatch(/dynamic would be 3\.5x smaller for a drop of 0\.10/);
  });

  it('mentions when the float32 .tflite and TF.js disagree', () => {
    const fs = checkRecommendation(
      leaf('leaf-cpu-int8'),
      [report('float32', 0.97, 84_688, 0.4), report('int8', 0.978, 24_640, 0.2)],
      FLOAT,
      {
        tolerancePoints: 0.5,
      },
    );
    expect(find(fs, 'float-mismatch')).toBeDefined();
  });
});
