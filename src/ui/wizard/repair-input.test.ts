import { describe, expect, it } from 'vitest';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { DEFAULT_RECIPE } from '../../core/quant/recipe';
import { entryRecipe, measuredForRepair, repairRecipe } from './repair-input';

const outcome = (accuracy: number, recipe?: Record<string, unknown>) =>
  ({ entry: { mode: 'x', accuracy, recipe } }) as unknown as MeasuredMode;

describe('repair input', () => {
  const outcomes = {
    int8: outcome(0.9, { ...DEFAULT_RECIPE, mode: undefined, perChannel: false }),
    'int8-cle': outcome(0.95, { crossLayerEqualization: true }),
    qat: outcome(0.97, { qat_epochs: 1 }),
    'model.tflite': outcome(0.9),
  };

  it('takes the runs the lab converted, each with its base mode and recipe', () => {
    expect(
      measuredForRepair(outcomes).map((m) => [m.mode, m.recipe.perChannel, m.recipe.crossLayerEqualization]),
    ).toEqual([
      ['int8', false, false],
      ['int8-cle', true, true],
    ]);
    expect(entryRecipe('int8-cle', outcomes['int8-cle'])?.mode).toBe('int8');
    expect(entryRecipe('model.tflite', outcomes['model.tflite'])).toBeUndefined();
  });

  it("runs a proposal with the measured run's recipe and the proposal's change", () => {
    const recipe = repairRecipe(
      { kind: 'cle', mode: 'int8', dropPoints: 3, bits: 8, patch: { crossLayerEqualization: true } },
      outcomes,
    );
    expect(recipe).toMatchObject({ mode: 'int8', perChannel: false, crossLayerEqualization: true });
  });
});
