import { useTranslation } from 'react-i18next';
import { formatPercent } from '../common/format';
import { useClassNames } from '../datasets/class-names';

interface Props {
  /** `matrix[label][prediction]` counts, 10 x 10 (see confusionMatrix in core/eval/metrics). */
  matrix: number[][];
  mode: string;
}

/**
 * Heatmap table of a confusion matrix. The diagonal (correct answers) is shaded blue by the share of
 * its row; mistakes are shaded red relative to the largest mistake, so rare confusions still show.
 */
export function ConfusionMatrix({ matrix, mode }: Props) {
  const { t } = useTranslation();
  const names = useClassNames();
  let worst = 0;
  matrix.forEach((row, tr) => row.forEach((n, p) => tr !== p && n > worst && (worst = n)));
  return (
    <div className="confusion-wrap">
      <table
        className="confusion-matrix"
        data-testid="confusion-matrix"
        aria-label={t('confusion.matrixAria', { mode })}
      >
        <thead>
          <tr>
            <th className="confusion-corner" scope="col">
              {t('confusion.corner')}
            </th>
            {matrix.map((_, p) => (
              <th key={p} scope="col" data-testid={`confusion-class-${p}`}>
                {names[p] ?? p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, tr) => {
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={tr}>
                <th scope="row">{names[tr] ?? tr}</th>
                {row.map((n, p) => {
                  const diagonal = tr === p;
                  const share = diagonal ? (total > 0 ? n / total : 0) : worst > 0 ? n / worst : 0;
                  // Shades stay light enough that the dark count keeps a 4.5:1 contrast (WCAG AA).
                  const background = diagonal
                    ? `rgba(31, 79, 163, ${0.12 + 0.43 * share})`
                    : n > 0
                      ? `rgba(192, 57, 43, ${0.08 + 0.47 * share})`
                      : undefined;
                  return (
                    <td
                      key={p}
                      className={diagonal ? 'diagonal' : undefined}
                      style={{ background }}
                      title={
                        t('confusion.cell', { t: tr, p, n }) +
                        (diagonal && total > 0
                          ? t('confusion.cellShare', { share: formatPercent(n / total, 1), t: tr })
                          : '')
                      }
                    >
                      {n}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
