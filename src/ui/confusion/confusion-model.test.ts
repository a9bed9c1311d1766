import { describe, expect, it } from 'vitest';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import i18next from 'i18next';
import { en } from '../i18n/messages/en';
import { zhTW } from '../i18n/messages/zh-TW';
import { confusionView, defaultConfusionMode, mistakes, wrongCountText } from './confusion-model';

const labels = Uint8Array.from([0, 1, 2, 3]);

function outcome(predictions: number[], accuracy: number): MeasuredMode {
  return {
    entry: { mode: 'm', file: 'm.tflite', bytes: 1, accuracy, accuracy_engine: 'test' } as MeasuredMode['entry'],
    bytes: new Uint8Array(1),
    layers: [],
    simulatedPredictions: new Uint8Array(0),
    runtimePredictions: Uint8Array.from(predictions),
  };
}

describe('defaultConfusionMode', () => {
  it.each([
    ['the chosen mode when measured', 'float16', ['float32', 'int8', 'float16'], 'float16'],
    ['int8 when the choice is gone', 'qat', ['float32', 'int8'], 'int8'],
    ['the first non-float mode without int8', undefined, ['float32', 'dynamic'], 'dynamic'],
    ['float itself when it is all there is', undefined, ['float32'], 'float32'],
    ['nothing without results', undefined, [], undefined],
  ])('%s', (_what, chosen, modes, expected) => expect(defaultConfusionMode(chosen, modes, 'float32')).toBe(expected));
});

describe('confusionView', () => {
  const outcomes = { float32: outcome([0, 1, 0, 3], 0.75), int8: outcome([0, 2, 0, 0], 0.25) };

  it('lists the digits the mode breaks that float gets right, with the report entry’s accuracy', () => {
    const view = confusionView('int8', outcomes, labels, 'float32');
    expect(view.ok && [view.wrong, view.accuracy, view.reference?.mode]).toEqual([[1, 3], 0.25, 'float32']);
    expect(view.ok && view.matrix[1][2]).toBe(1);
  });

  it('lists all mistakes for the float mode itself, or when float was not measured', () => {
    const float = confusionView('float32', outcomes, labels, 'float32');
    expect(float.ok && [float.wrong, float.reference]).toEqual([[2], undefined]);
    const alone = confusionView('int8', { int8: outcomes.int8 }, labels, 'float32');
    expect(alone.ok && alone.wrong).toEqual(mistakes(outcomes.int8.runtimePredictions, labels));
  });

  it('reports a prediction count that does not match the labels', () => {
    expect(confusionView('int8', { int8: outcome([0], 1) }, labels, 'float32')).toEqual({
      ok: false,
      error: 'int8 has 1 predictions for 4 test labels.',
      mode: 'int8',
      predictions: 1,
      labels: 4,
    });
  });
});

/** A real i18next over the lab's tables (no React), in the given language. */
function translator(lng: 'en' | 'zh-TW') {
  const i18n = i18next.createInstance();
  void i18n.init({
    lng,
    resources: { en: { translation: en }, 'zh-TW': { translation: zhTW } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18n.t;
}

describe('wrongCountText', () => {
  const t = translator('en');
  const outcomes = { float32: outcome([0, 1, 2, 3], 1), int8: outcome([0, 1, 2, 3], 1), bad: outcome([1, 0, 3, 2], 0) };
  const view = (mode: string, all: Record<string, MeasuredMode> = outcomes) => {
    const v = confusionView(mode, all, labels, 'float32');
    if (!v.ok) throw new Error(v.error);
    return v;
  };

  it.each([
    ['nothing broken', view('int8'), true, 48, /^None: quantizing to int8 did not break/],
    ['float without mistakes', view('float32'), true, 48, /^None\.$/],
    ['more than the gallery shows', view('bad'), true, 2, /^4 digit\(s\), the first 2 shown\.$/],
    ['float not exported', view('bad', { bad: outcomes.bad }), false, 48, /float32 was not exported/],
  ])('%s', (_what, v, floatMeasured, limit, expected) =>
    expect(wrongCountText(v, 'float32', floatMeasured, limit, t)).toMatch(expected),
  );

  it('speaks zh-TW with the zh-TW table', () => {
    expect(wrongCountText(view('float32'), 'float32', true, 48, translator('zh-TW'))).toBe('沒有。');
    expect(wrongCountText(view('bad'), 'float32', true, 2, translator('zh-TW'))).toBe('4 個數字，顯示前 2 個。');
  });
});
