import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import {
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { accuracyAxisDomain, type SizeAccuracyPoint } from '../../core/eval/chart-series';
import { formatPercent } from '../common/format';
import { CHART_HEIGHT, CHART_MARGIN, COLORS, percentTick, accuracyAxisProps } from './chart-style';
import { InTurn } from '../common/InTurn';

interface Props {
  points: SizeAccuracyPoint[];
  /** Float TF.js test accuracy (0..1), drawn as a horizontal line. */
  floatReference: number;
}

/** Each mode as a point: smaller (left) and more accurate (up) is better. */
export const SizeAccuracyChart = memo(function SizeAccuracyChart({ points, floatReference }: Props) {
  const { t } = useTranslation();
  const accuracyName = t('charts.accuracy');
  const domain = accuracyAxisDomain([floatReference, ...points.map((p) => p.accuracy)]);
  return (
    <figure data-testid="chart-size-accuracy">
      <figcaption>{t('charts.sizeAccuracyCaption', { accuracy: formatPercent(floatReference) })}</figcaption>
      <InTurn name="size-accuracy chart" height={CHART_HEIGHT}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <ScatterChart margin={{ ...CHART_MARGIN, right: 28 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="kib" type="number" name={t('charts.size')} unit=" KiB" domain={[0, 'auto']} fontSize={12} />
            <YAxis dataKey="accuracy" type="number" name={accuracyName} {...accuracyAxisProps(domain)} />
            <Tooltip
              formatter={(v, name) =>
                name === accuracyName ? percentTick(v) : `${formatNumberFixed(Number(v), 1)} KiB`
              }
            />
            <ReferenceLine y={floatReference} stroke={COLORS.reference} strokeDasharray="4 3" />
            <Scatter data={points} name={t('charts.modes')} fill={COLORS.runtime} isAnimationActive={false}>
              <LabelList dataKey="mode" position="right" fontSize={11} />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
