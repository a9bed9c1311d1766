/**
 * What the generic settings form needs beyond the declarations in src/core/settings/fields.ts:
 * reading an input's text and naming a choice's options. Pure, tested in Node.
 */
import type { ChoiceField, Field } from '../../core/settings/fields';

/** The number typed into a number input, or undefined while it is not one yet (empty, "-", "1e"). */
export function numberFromInput(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}

/** The display name of one option of a choice field: `override`, the declared label, or the option itself. */
export function optionLabel(field: ChoiceField, option: string, override?: (option: string) => string): string {
  return override?.(option) ?? field.optionLabels?.[option] ?? option;
}

/** The `step` attribute of a numeric field's input (1 for integers). */
export function inputStep(field: Field): number | undefined {
  if (field.kind === 'integer') return 1;
  return field.kind === 'number' ? field.step : undefined;
}
