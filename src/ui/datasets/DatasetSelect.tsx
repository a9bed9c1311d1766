import { useTranslation } from 'react-i18next';
import { DATASET_IDS, type DatasetId } from '../../core/mnist/datasets';

interface Props {
  value: DatasetId;
  onChange: (id: DatasetId) => void;
  disabled?: boolean;
}

/** The lab's dataset (the `dataset` training setting): every stage, chart and label follows it. */
export function DatasetSelect({ value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <label title={t('datasets.help')}>
        {t('datasets.label')}
        <select
          data-testid="dataset-select"
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value as DatasetId)}
        >
          {DATASET_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`datasets.${id}`)}
            </option>
          ))}
        </select>
      </label>
      {value === 'fashion' && <p className="hint">{t('datasets.fetchedOnDemand')}</p>}
    </div>
  );
}
