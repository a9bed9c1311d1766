import { memo } from 'react';
import { formatPercent } from '../common/format';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { accuracyAxisDomain } from '../../core/eval/chart-series';
import type { SweepPoint } from '../../core/compress/sweep-series';
import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import { percentTick, accuracyAxisProps } from '../results/chart-style';
import { InTurn } from '../common/InTurn';

const PALETTE = ['#1f4fa3', '#c0392b', '#2e8b57', '#8e44ad', '#d35400', '#16a085', '#7f8c8d'];

/** Accuracy against gzip size, one colour per sparsity (and cluster count): left and up is better. */
export const SweepChart = memo(function SweepChart({ points }: { points: SweepPoint[] }) {
  const { t } = useTranslation();
  const accuracyName = t('compress.accuracy');
  const seriesLabel = (p: SweepPoint) =>
    t('compress.seriesZeros', { p: formatPercent(p.sparsity, 1) }) +
    (p.clusters ? t('compress.seriesClusters', { n: p.clusters }) : '');
  const series = [...new Set(points.map((p) => p.series))].sort(
    (a, b) => points.find((p) => p.series === a)!.sparsity - points.find((p) => p.series === b)!.sparsity,
  );
  const domain = accuracyAxisDomain(points.map((p) => p.accuracy));
  return (
    <figure data-testid="sweep-chart" data-points={points.length}>
      <figcaption>{t('compress.sweepCaption')}</figcaption>
      <InTurn name="sweep chart" height={240}>
        <ResponsiveContainer width="100%" height={240}>
          <ScatterChart margin={{ left: 0, right: 16, top: 8, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="gzipKib"
              type="number"
              name={t('compress.gzipSize')}
              unit=" KiB"
              domain={[0, 'auto']}
              fontSize={12}
            />
            <YAxis dataKey="accuracy" type="number" name={accuracyName} {...accuracyAxisProps(domain)} />
            <Tooltip
              formatter={(v, name) =>
                name === accuracyName ? percentTick(v) : `${formatNumberFixed(Number(v), 2)} KiB`
              }
            />
            <Legend />
            {series.map((s, i) => (
              <Scatter
                key={s}
                name={seriesLabel(points.find((p) => p.series === s)!)}
                data={points.filter((p) => p.series === s)}
                fill={PALETTE[i % PALETTE.length]}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
