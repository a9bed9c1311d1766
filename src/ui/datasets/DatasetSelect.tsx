import { useTranslation } from 'react-i18next';
import { DATASET_IDS, type DatasetId } from '../../core/mnist/datasets';
import { ChoiceSelect } from '../common/ChoiceSelect';

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
      <ChoiceSelect
        label={t('datasets.label')}
        title={t('datasets.help')}
        choices={DATASET_IDS}
        value={value}
        onChange={onChange}
        text={(id) => t(`datasets.${id}`)}
        testId="dataset-select"
        disabled={disabled}
      />
      {value === 'fashion' && <p className="hint">{t('datasets.fetchedOnDemand')}</p>}
    </div>
  );
}
