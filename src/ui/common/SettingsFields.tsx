import type { Field, FieldGroup } from '../../core/settings/fields';
import { inputStep, numberFromInput, optionLabel } from './settings-form';

type Value = string | number | boolean;

interface Props<T> {
  /** The declarations of the settings group (bounds, default, label, help). */
  group: FieldGroup<T>;
  values: T;
  onChange: (next: T) => void;
  /** Which fields to show, in order. */
  fields: readonly (keyof T & string)[];
  /** data-testid per field, for the e2e journeys. */
  testIds?: Partial<Record<keyof T, string>>;
  /** Fields shown but not editable right now. */
  disabled?: Partial<Record<keyof T, boolean>>;
  /** Display names for a choice field's options, when the declaration has none (e.g. preset names). */
  optionLabels?: Partial<Record<keyof T, (option: string) => string>>;
}

/**
 * A controlled form over a declared settings group: one input per field, its label and help from
 * the declaration. Validation messages come from validateGroup on the same declarations.
 */
export function SettingsFields<T>({ group, values, onChange, fields, testIds, disabled, optionLabels }: Props<T>) {
  return (
    <>
      {fields.map((key) => (
        <SettingField
          key={key}
          field={group[key] as Field}
          value={values[key] as Value}
          testId={testIds?.[key]}
          disabled={disabled?.[key]}
          optionLabel={optionLabels?.[key]}
          onChange={(v) => onChange({ ...values, [key]: v })}
        />
      ))}
    </>
  );
}

interface FieldProps {
  field: Field;
  value: Value;
  onChange: (v: Value) => void;
  testId?: string;
  disabled?: boolean;
  optionLabel?: (option: string) => string;
}

/** One declared field as a checkbox, a select or a number input. */
function SettingField({ field, value, onChange, testId, disabled, optionLabel: label }: FieldProps) {
  if (field.kind === 'boolean') {
    return (
      <label className="check" title={field.help}>
        <input
          type="checkbox"
          data-testid={testId}
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
        {field.label}
      </label>
    );
  }
  if (field.kind === 'choice') {
    return (
      <label title={field.help}>
        {field.label}
        <select
          data-testid={testId}
          value={String(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        >
          {field.options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(field, o, label)}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label title={field.help}>
      {field.label}
      <input
        type="number"
        data-testid={testId}
        min={field.min}
        max={field.max}
        step={inputStep(field)}
        value={Number(value)}
        disabled={disabled}
        onChange={(e) => {
          const v = numberFromInput(e.target.value);
          if (v !== undefined) onChange(v);
        }}
      />
    </label>
  );
}
