import { useTranslation } from 'react-i18next';
interface Props {
  value: number;
  onChange: (points: number) => void;
  /** The label (default: the wizard's) and the input's data-testid (default `wizard-tolerance`). */
  label?: string;
  testId?: string;
}

/** Accuracy tolerance in percentage points (0.5 = the quantized model may score 0.5% lower). */
export function ToleranceInput({ value, onChange, label, testId = 'wizard-tolerance' }: Props) {
  const { t } = useTranslation();
  return (
    <label className="wizard-tolerance">
      {label ?? t('wizard.tolerance')}
      <input
        type="number"
        data-testid={testId}
        min={0}
        max={100}
        step={0.1}
        value={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(v) && v >= 0) onChange(v);
        }}
      />
    </label>
  );
}
