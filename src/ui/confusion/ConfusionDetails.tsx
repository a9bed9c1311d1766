import { useTranslation } from 'react-i18next';
import { Rich } from '../i18n/Rich';
import { formatInt } from '../results/results-format';
import { formatPercent } from '../common/format';
import type { TestSet } from '../common/test-set';
import { wrongCountText, type ConfusionView } from './confusion-model';
import { ConfusionMatrix } from './ConfusionMatrix';
import { WrongDigits } from './WrongDigits';

interface Props {
  view: Extract<ConfusionView, { ok: true }>;
  testSet: TestSet;
  floatMode: string;
  floatMeasured: boolean;
  galleryLimit: number;
}

/** One mode's confusion matrix and the gallery of the test digits it gets wrong. */
export function ConfusionDetails({ view, testSet, floatMode, floatMeasured, galleryLimit }: Props) {
  const { t } = useTranslation();
  const { mode } = view;
  return (
    <>
      <p className="hint">
        <Rich
          k="confusion.hint"
          values={{ count: formatInt(testSet.labels.length), mode, accuracy: formatPercent(view.accuracy) }}
        />
      </p>
      <ConfusionMatrix matrix={view.matrix} mode={mode} />
      <h3>{view.reference ? t('confusion.wrongVsFloat', { mode, floatMode }) : t('confusion.wrong', { mode })}</h3>
      <p className="muted" data-testid="confusion-wrong-count">
        {wrongCountText(view, floatMode, floatMeasured, galleryLimit, t)}
      </p>
      <div data-testid="confusion-wrong">
        <WrongDigits
          indices={view.wrong}
          images={testSet.images}
          labels={testSet.labels}
          mode={mode}
          predictions={view.predictions}
          reference={view.reference}
          limit={galleryLimit}
        />
      </div>
    </>
  );
}
