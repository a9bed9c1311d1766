import { formatPercent } from '../common/format';

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
  let worst = 0;
  matrix.forEach((row, t) => row.forEach((n, p) => t !== p && n > worst && (worst = n)));
  return (
    <div className="confusion-wrap">
      <table
        className="confusion-matrix"
        data-testid="confusion-matrix"
        aria-label={`Confusion matrix of ${mode}: rows are the true digit, columns the prediction`}
      >
        <thead>
          <tr>
            <th className="confusion-corner" scope="col">
              true ↓ / predicted →
            </th>
            {matrix.map((_, p) => (
              <th key={p} scope="col">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, t) => {
            const total = row.reduce((a, b) => a + b, 0);
            return (
              <tr key={t}>
                <th scope="row">{t}</th>
                {row.map((n, p) => {
                  const diagonal = t === p;
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
                      title={`true ${t}, predicted ${p}: ${n} image(s)${diagonal && total > 0 ? `, ${formatPercent(n / total, 1)} of the ${t}s` : ''}`}
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
