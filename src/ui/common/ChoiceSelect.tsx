import type { ReactNode } from 'react';

interface Props<T extends string> {
  /** The label's text, before the select. */
  label: ReactNode;
  choices: readonly T[];
  value: T;
  onChange: (choice: T) => void;
  /** Each choice's text (translated by the caller). */
  text: (choice: T) => string;
  testId: string;
  disabled?: boolean;
  className?: string;
  title?: string;
}

/** A labelled select of fixed choices (the backend, the dataset, an import's pixels). */
export function ChoiceSelect<T extends string>({ label, choices, value, onChange, text, testId, ...rest }: Props<T>) {
  return (
    <label className={rest.className} title={rest.title}>
      {label}
      <select
        data-testid={testId}
        value={value}
        disabled={rest.disabled}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {choices.map((c) => (
          <option key={c} value={c}>
            {text(c)}
          </option>
        ))}
      </select>
    </label>
  );
}
