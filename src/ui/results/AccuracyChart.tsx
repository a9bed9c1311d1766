import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { accuracyAxisDomain, type AccuracySeries } from '../../core/eval/chart-series';
import { formatPercent } from '../common/format';
import { CHART_HEIGHT, CHART_MARGIN, COLORS, percentTick, accuracyAxisProps } from './chart-style';
import { InTurn } from '../common/InTurn';

interface Props {
  series: AccuracySeries;
}

/** Runtime (and simulated) test accuracy per mode, with the float TF.js model as a reference line. */
export const AccuracyChart = memo(function AccuracyChart({ series }: Props) {
  const { t } = useTranslation();
  const { points, floatReference, floatEngine } = series;
  const hasSimulation = points.some((p) => p.simulated !== undefined);
  const domain = accuracyAxisDomain([
    floatReference,
    ...points.map((p) => p.accuracy),
    ...points.flatMap((p) => p.simulated ?? []),
  ]);
  return (
    <figure data-testid="chart-accuracy">
      <figcaption>
        {t('charts.accuracyCaption', {
          engine: floatEngine,
          accuracy: formatPercent(floatReference),
          start: formatPercent(domain[0], 0),
        })}
      </figcaption>
      <InTurn name="accuracy chart" height={CHART_HEIGHT}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="mode" interval={0} fontSize={12} />
            <YAxis {...accuracyAxisProps(domain)} />
            <Tooltip formatter={percentTick} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <ReferenceLine
              y={floatReference}
              stroke={COLORS.reference}
              strokeDasharray="4 3"
              ifOverflow="extendDomain"
            />
            <Bar dataKey="accuracy" name={t('charts.runtime')} fill={COLORS.runtime} isAnimationActive={false} />
            {hasSimulation && (
              <Bar
                dataKey="simulated"
                name={t('charts.simulation')}
                fill={COLORS.simulated}
                isAnimationActive={false}
              />
            )}
          </BarChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
