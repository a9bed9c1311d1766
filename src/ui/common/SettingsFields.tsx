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
  /** Label and help in the shown language, by field key (the declaration's English is the CLI's). */
  texts?: Partial<Record<keyof T, FieldText>>;
}

/** A field's label and help as the UI shows them. */
export interface FieldText {
  label: string;
  help: string;
}

/**
 * A controlled form over a declared settings group: one input per field, its label and help from
 * the declaration. Validation messages come from validateGroup on the same declarations.
 */
export function SettingsFields<T>({
  group,
  values,
  onChange,
  fields,
  testIds,
  disabled,
  optionLabels,
  texts,
}: Props<T>) {
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
          text={texts?.[key]}
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
  text?: FieldText;
}

/** One declared field as a checkbox, a select or a number input. */
function SettingField({ field, value, onChange, testId, disabled, optionLabel: label, text }: FieldProps) {
  const { label: fieldLabel, help } = text ?? field;
  if (field.kind === 'boolean') {
    return (
      <label className="check" title={help}>
        <input
          type="checkbox"
          data-testid={testId}
          checked={value === true}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
        {fieldLabel}
      </label>
    );
  }
  if (field.kind === 'choice') {
    return (
      <label title={help}>
        {fieldLabel}
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
    <label title={help}>
      {fieldLabel}
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
