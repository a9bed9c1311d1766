import { useTranslation } from 'react-i18next';
import type { DatasetId } from '../../core/mnist/datasets';
import type { TrainedModel } from '../../core/model/trained-model';

/** The dataset a model was trained on (models stored before datasets existed: MNIST). */
export function modelDataset(model: Pick<TrainedModel, 'dataset'>): DatasetId {
  return model.dataset ?? 'mnist';
}

/** `model` when it was trained on `dataset`, else nothing: no stage evaluates a model on another dataset. */
export function modelForDataset(model: TrainedModel | undefined, dataset: DatasetId): TrainedModel | undefined {
  return model && modelDataset(model) === dataset ? model : undefined;
}

/** Says why the stored model is not shown when it was trained on another dataset than the one chosen. */
export function DatasetMismatch({ model, dataset }: { model?: TrainedModel; dataset: DatasetId }) {
  const { t } = useTranslation();
  if (!model || modelDataset(model) === dataset) return null;
  return (
    <p className="notice" data-testid="dataset-mismatch">
      {t('datasets.mismatch', { model: t(`datasets.${modelDataset(model)}`), current: t(`datasets.${dataset}`) })}
    </p>
  );
}
