/**
 * The lab's datasets, declared once: id, title, class names (draw panel, confusion labels) and the packed
 * files derived at install time (scripts/prepare-data.ts) into public/data/. Every list of datasets (the
 * `dataset` training setting, the CLI's `--dataset`, the URL) is derived from this table.
 */

interface DatasetDeclaration {
  title: string;
  /** Learner-facing description, including where the split comes from. */
  description: string;
  /** Ten class names, indexed by label. */
  classNames: readonly string[];
  /** Packed QLM1 files under public/data/. */
  files: { train: string; test: string };
}

export const DATASETS = {
  mnist: {
    title: 'MNIST digits',
    description: 'Handwritten digits 0-9: the original 60,000 training and 10,000 test images.',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    files: { train: 'mnist-train.qlm', test: 'mnist-test.qlm' },
  },
  fashion: {
    title: 'Fashion-MNIST',
    description:
      'Zalando’s 28x28 clothing images (harder than digits). The npm package has no split: the last 1,000 ' +
      'images of each class are the test set (10,000), the rest the training set (60,000).',
    // Class order of Zalando's fashion-mnist README (label 0..9); the package's files are named 0..9.json.
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    files: { train: 'fashion-train.qlm', test: 'fashion-test.qlm' },
  },
} as const satisfies Record<string, DatasetDeclaration>;

export type DatasetId = keyof typeof DATASETS;

export const DATASET_IDS = Object.keys(DATASETS) as DatasetId[];

/** Short label of a class for charts and the draw panel. */
export function className(dataset: DatasetId, label: number): string {
  return DATASETS[dataset].classNames[label] ?? String(label);
}
