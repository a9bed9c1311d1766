import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LatencyPoint } from '../../core/eval/chart-series';
import { CHART_HEIGHT, CHART_MARGIN, COLORS } from './chart-style';
import { formatMs } from './results-format';
import { InTurn } from '../common/InTurn';

interface Props {
  points: LatencyPoint[];
}

/** Single-image inference time per mode: median and 90th percentile, from the engine that ran the files. */
export const LatencyChart = memo(function LatencyChart({ points }: Props) {
  const { t } = useTranslation();
  if (points.length === 0) return null;
  const engines = [...new Set(points.map((p) => p.engine))].join('; ');
  return (
    <figure data-testid="chart-latency">
      <figcaption>{t('charts.latencyCaption', { engines })}</figcaption>
      <InTurn name="latency chart" height={CHART_HEIGHT}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="mode" interval={0} fontSize={12} />
            <YAxis domain={[0, 'auto']} width={44} />
            <Tooltip formatter={(v) => formatMs(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="median_ms" name={t('charts.median')} fill={COLORS.runtime} isAnimationActive={false} />
            <Bar dataKey="p90_ms" name={t('charts.p90')} fill={COLORS.p90} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
