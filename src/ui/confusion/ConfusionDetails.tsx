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
  const { mode } = view;
  return (
    <>
      <p className="hint">
        The {testSet.labels.length.toLocaleString('en-US')} MNIST test images as <code>{mode}</code> classified them in
        LiteRT.js ({formatPercent(view.accuracy)} correct). Each row is the true digit, each column the predicted one:
        the blue diagonal counts right answers, red cells are mistakes.
      </p>
      <ConfusionMatrix matrix={view.matrix} mode={mode} />
      <h3>
        {view.reference
          ? `Test digits ${mode} gets wrong that ${floatMode} gets right`
          : `Test digits ${mode} gets wrong`}
      </h3>
      <p className="muted" data-testid="confusion-wrong-count">
        {wrongCountText(view, floatMode, floatMeasured, galleryLimit)}
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
