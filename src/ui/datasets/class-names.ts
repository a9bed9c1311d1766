import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DATASETS, type DatasetId } from '../../core/mnist/datasets';
import { useDataset } from './dataset-context';

/**
 * Message keys of Fashion-MNIST's classes, in label order (DATASETS.fashion.classNames, Zalando's order).
 * MNIST's classes are the digits themselves and are not translated.
 */
const FASHION_CLASS_KEYS = [
  'tshirt',
  'trouser',
  'pullover',
  'dress',
  'coat',
  'sandal',
  'shirt',
  'sneaker',
  'bag',
  'ankleBoot',
] as const satisfies readonly string[] & { length: (typeof DATASETS.fashion.classNames)['length'] };

/** The ten class names of `dataset` (default: the lab's current one) in the page's language, indexed by label. */
export function useClassNames(dataset?: DatasetId): readonly string[] {
  const current = useDataset();
  const id = dataset ?? current;
  const { t } = useTranslation();
  return useMemo(
    () =>
      id === 'fashion'
        ? FASHION_CLASS_KEYS.map((k) => t(`datasets.fashionClasses.${k}`))
        : DATASETS.mnist.classNames.map(String),
    // t changes with the language, which renames the classes.
    [id, t],
  );
}

/** The dataset's name in the page's language. */
export function useDatasetTitle(): (id: DatasetId) => string {
  const { t } = useTranslation();
  return (id) => t(`datasets.${id}`);
}
