import { useTranslation } from 'react-i18next';
import { useClassNames } from '../datasets/class-names';
import { DigitImage } from '../draw/DigitImage';

interface Props {
  /** Test-image indices to show, ascending. */
  indices: number[];
  /** Test images [N * 784], raw pixels 0..255. */
  images: Uint8Array;
  labels: Uint8Array;
  mode: string;
  predictions: Uint8Array;
  /** The float file's name and predictions, shown beside each digit when available. */
  reference?: { mode: string; predictions: Uint8Array };
  /** Most digits drawn (the count still says how many there are). */
  limit?: number;
}

/** A gallery of test digits with their label and predictions. */
export function WrongDigits({ indices, images, labels, mode, predictions, reference, limit = 48 }: Props) {
  const { t } = useTranslation();
  const shown = indices.slice(0, limit);
  const names = useClassNames();
  return (
    <ul className="confusion-gallery">
      {shown.map((i) => (
        <li key={i} className="confusion-digit" data-testid={`confusion-digit-${i}`}>
          <DigitImage
            pixels={images.subarray(i * 784, (i + 1) * 784)}
            max={255}
            size={56}
            label={t('confusion.digitAria', { i, label: names[labels[i]] })}
          />
          <span>
            {t('confusion.true')} <strong>{names[labels[i]]}</strong>
          </span>
          {reference && (
            <span className="good">
              {reference.mode}: {names[reference.predictions[i]]}
            </span>
          )}
          <span className="warn">
            {mode}: {names[predictions[i]]}
          </span>
        </li>
      ))}
    </ul>
  );
}
