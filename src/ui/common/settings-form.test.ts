import { describe, expect, it } from 'vitest';
import { RECIPE_FIELDS } from '../../core/quant/recipe';
import { TRAIN_FIELDS } from '../../core/train/settings';
import { inputStep, numberFromInput, optionLabel } from './settings-form';

describe('numberFromInput', () => {
  it.each([
    ['3', 3],
    ['0.0002', 0.0002],
    ['1e-4', 1e-4],
    ['', undefined],
    ['  ', undefined],
    ['-', undefined],
    ['abc', undefined],
  ])('%j -> %s', (text, expected) => expect(numberFromInput(text)).toBe(expected));
});

describe('optionLabel and inputStep', () => {
  it('names an option by override, then by its declared label, then by itself', () => {
    const method = RECIPE_FIELDS.calibrationMethod;
    expect(optionLabel(method, 'mse')).toMatch(/^MSE-optimal/);
    expect(optionLabel(method, 'mse', (o) => o.toUpperCase())).toBe('MSE');
    expect(optionLabel(TRAIN_FIELDS.optimizer, 'sgd')).toBe('sgd');
  });

  it('steps integers by 1 and numbers by their declared step', () => {
    expect(inputStep(TRAIN_FIELDS.epochs)).toBe(1);
    const lr = TRAIN_FIELDS.learningRate;
    expect(inputStep(lr)).toBe(lr.kind === 'number' ? lr.step : NaN);
    expect(inputStep(RECIPE_FIELDS.perChannel)).toBeUndefined();
  });
});
