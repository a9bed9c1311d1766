import { describe, expect, it } from 'vitest';
import { englishDeployProblem, type DeployProblem } from '../../core/deploy/deploy-problem';
import { finding, type Finding } from '../../core/wizard/check-advice';
import type { FindingKey, MessageOf } from '../../core/wizard/finding-message';
import { WIZARD_LEAVES } from '../../core/wizard/decision-tree';
import { MESSAGES } from '../i18n/i18n';
import { findingText } from './finding-text';

const sizes = { mode: 'int8', ratio: 3.58, bytes: 23248, floatBytes: 83168, promised: 4 };
const speeds = { mode: 'int8', ratio: 1.37, modeMs: 0.052, floatMs: 0.038 };
const target = { name: 'Arduino Nano 33 BLE', ramKb: 256, flashKb: 1024 };
const leaf = WIZARD_LEAVES.find((l) => l.prerequisite)!;
const noFit: DeployProblem[] = [
  {
    code: 'tflm-kernel-types',
    op: 'DEQUANTIZE',
    problem: { code: 'from-float16', source: 'dequantize_common.cc' },
    ops: [0],
  },
  { code: 'ram-short', ramBytes: 307200, target: target.name, ramKb: 256 },
];
const fallback: DeployProblem[] = [
  { code: 'edgetpu-fallback', problem: { code: 'tensor-type', op: 'CONV_2D', tensor: 'x', type: 'FLOAT32' }, index: 1 },
];
const reasons = (problems: DeployProblem[]) => ({ problems, reasons: problems.map(englishDeployProblem) });

/** One message per key (the type makes a new key without a sample fail the typecheck). */
const SAMPLES: { [K in FindingKey]: MessageOf<K> } = {
  prerequisite: { key: 'prerequisite', leaf: leaf.id, text: leaf.prerequisite! },
  missing: { key: 'missing', mode: 'int8' },
  'accuracy-no-lower': { key: 'accuracy-no-lower', mode: 'int8', accuracy: 0.9612, floatAccuracy: 0.9606 },
  'accuracy-within': {
    key: 'accuracy-within',
    mode: 'int8',
    dropPoints: 0.04,
    accuracy: 0.9602,
    floatAccuracy: 0.9606,
    tolerance: 0.5,
  },
  'accuracy-drop': {
    key: 'accuracy-drop',
    mode: 'int4',
    dropPoints: 3.21,
    accuracy: 0.9285,
    floatAccuracy: 0.9606,
    tolerance: 0.5,
    next: [
      { mode: 'int16x8', measured: { accuracy: 0.9608, dropPoints: -0.02, withinTolerance: true } },
      { mode: 'qat' },
    ],
  },
  'float-mismatch': { key: 'float-mismatch', runtimeAccuracy: 0.9604, tfjsAccuracy: 0.9606 },
  'size-ok': { key: 'size-ok', ...sizes },
  'size-short': { key: 'size-short', ...sizes, ratio: 1.9 },
  'speed-unmeasured': { key: 'speed-unmeasured' },
  'target-not-measured': { key: 'target-not-measured', target: 'gpu' },
  'speed-slower-unexpected': { key: 'speed-slower-unexpected', ...speeds },
  'speed-same-unexpected': { key: 'speed-same-unexpected', ...speeds, ratio: 1.01 },
  'speed-slower-expected': { key: 'speed-slower-expected', ...speeds },
  'speed-slower-than-expected': { key: 'speed-slower-than-expected', ...speeds },
  'speed-ok': { key: 'speed-ok', ...speeds, ratio: 0.8 },
  dominated: { key: 'dominated', mode: 'int8-io', bytes: 23008, latencyMs: 0.045, accuracy: 0.9602 },
  'float-gain': { key: 'float-gain', mode: 'dynamic', ratio: 3.7, dropPoints: -0.02 },
  'deploy-fits': {
    key: 'deploy-fits',
    mode: 'int8',
    target,
    ramBytes: 30000,
    arenaBytes: 10144,
    flashBytes: 23248,
    ramMarginBytes: 200000,
  },
  'deploy-no-fit': { key: 'deploy-no-fit', mode: 'float16', target, ...reasons(noFit) },
  'edgetpu-ready': { key: 'edgetpu-ready', mode: 'int8', mappedOps: 5, cpuOps: ['QUANTIZE'] },
  'edgetpu-fallback': { key: 'edgetpu-fallback', mode: 'float16', ...reasons(fallback) },
};

const CJK = /[\u4e00-\u9fff]/;
const asFinding = (m: MessageOf<FindingKey>): Finding => finding('info', 'missing', m);

describe('wizard findings in both languages', () => {
  it.each(Object.values(SAMPLES).map((m) => [m.key, m] as const))('%s', (_key, m) => {
    const f = asFinding(m);
    const en = findingText(f, 'en', MESSAGES.en.wizardTree);
    const zh = findingText(f, 'zh-TW', MESSAGES['zh-TW'].wizardTree);
    expect(en).toEqual({ text: f.text, english: true });
    expect(en.text.length).toBeGreaterThan(10);
    expect(zh.english).toBe(false);
    expect(zh.text).toMatch(CJK);
    expect(zh.text).not.toBe(en.text);
    // The same identifiers and numbers in both sentences.
    if ('mode' in m) expect(zh.text).toContain(m.mode);
    if ('accuracy' in m) {
      const p = `${(m.accuracy * 100).toFixed(2)}%`;
      expect(en.text).toContain(p);
      expect(zh.text).toContain(p);
    }
    for (const decimal of en.text.match(/\d+\.\d+/g) ?? []) expect(zh.text).toContain(decimal);
  });

  it('the English text is written from the message (one sentence per key)', () => {
    expect(asFinding(SAMPLES['accuracy-drop']).text).toBe(
      'int4 loses 3.21 percentage points (96.06% -> 92.85%), more than your 0.5-point tolerance. Next: int16x8 (keeps int8 weights but gives activations 16 bits) measured 96.08%, a drop of -0.02 percentage points, within tolerance; try qat next (retrains with int8 rounding simulated, so the weights adapt to it).',
    );
  });
});
