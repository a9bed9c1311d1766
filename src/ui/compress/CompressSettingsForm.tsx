import { COMPRESS_FIELDS, type CompressTuning } from '../../core/compress/compress-fields';
import type { Field } from '../../core/settings/fields';
import { useMessages } from '../i18n/use-messages';
import type { Messages } from '../i18n/messages/en';
import { CLUSTER_CHOICES } from './compress-form';

interface Props {
  options: CompressTuning;
  onChange: (next: CompressTuning) => void;
  disabled?: boolean;
}

/** Test ids: the CLI name, except the cluster count (the issue's `cluster-count`). */
const testId = (key: keyof CompressTuning, f: Field) => (key === 'clusters' ? 'cluster-count' : f.cli);

/** Controlled form over COMPRESS_FIELDS; the sparsity is edited in percent, the cluster count from a list. */
export function CompressSettingsForm({ options, onChange, disabled }: Props) {
  const m = useMessages();
  const set = (key: keyof CompressTuning, v: number | string | boolean) => onChange({ ...options, [key]: v });
  return (
    <fieldset className="form-grid" disabled={disabled}>
      {(Object.entries(COMPRESS_FIELDS) as [keyof CompressTuning, Field][]).map(([key, f]) => (
        <label key={key} title={m.fields.compress[key].help} className={f.kind === 'boolean' ? 'checkbox' : undefined}>
          {f.kind !== 'boolean' &&
            (key === 'pruneSparsity' || key === 'pruneInitialSparsity'
              ? `${m.fields.compress[key].label} (%)`
              : m.fields.compress[key].label)}
          <FieldInput
            field={f}
            name={key}
            value={options[key]}
            testId={testId(key, f)}
            onChange={(v) => set(key, v)}
            options={m.fieldOptions}
          />
          {f.kind === 'boolean' && m.fields.compress[key].label}
        </label>
      ))}
    </fieldset>
  );
}

function FieldInput(props: {
  field: Field;
  name: keyof CompressTuning;
  value: number | string | boolean;
  testId: string;
  onChange: (v: number | string | boolean) => void;
  options: Messages['fieldOptions'];
}) {
  const { field: f, name, value, testId, onChange, options } = props;
  const optionNames = options as unknown as Partial<Record<string, Record<string, string>>>;
  if (name === 'clusters')
    return (
      <select data-testid={testId} value={Number(value)} onChange={(e) => onChange(Number(e.target.value))}>
        {CLUSTER_CHOICES.map((k) => (
          <option key={k} value={k}>
            {k === 0 ? options.clustersOff : k}
          </option>
        ))}
      </select>
    );
  if (f.kind === 'choice')
    return (
      <select data-testid={testId} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {f.options.map((o) => (
          <option key={o} value={o}>
            {optionNames[name]?.[o] ?? f.optionLabels?.[o] ?? o}
          </option>
        ))}
      </select>
    );
  if (f.kind === 'boolean')
    return (
      <input type="checkbox" data-testid={testId} checked={!!value} onChange={(e) => onChange(e.target.checked)} />
    );
  const percent = f.kind === 'number';
  return (
    <input
      type="number"
      data-testid={testId}
      min={percent ? f.min * 100 : f.min}
      max={percent ? f.max * 100 : f.max}
      step={percent ? 5 : 1}
      value={percent ? Math.round(Number(value) * 1000) / 10 : Number(value)}
      onChange={(e) => {
        const v = Number(e.target.value);
        if (e.target.value !== '' && Number.isFinite(v)) onChange(percent ? v / 100 : v);
      }}
    />
  );
}
