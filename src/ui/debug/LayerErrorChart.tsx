import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FLAG_RMSE_OVER_SCALE, ROUNDING_RMSE_OVER_SCALE } from '../../core/debug/error-stats';
import { CHART_HEIGHT, CHART_MARGIN, COLORS } from '../results/chart-style';
import { formatSig, type RmseOverScalePoint } from './layer-format';
import { InTurn } from '../common/InTurn';

interface Props {
  points: RmseOverScalePoint[];
}

const FLAGGED_COLOR = '#c0392b';

/** RMSE / scale per quantized op (this op alone, and accumulated from the image), with the 0.7 flag line. */
export const LayerErrorChart = memo(function LayerErrorChart({ points }: Props) {
  const { t } = useTranslation();
  const top = Math.max(1, ...points.map((p) => Math.max(p.perLayer, p.endToEnd)));
  return (
    <figure data-testid="layer-errors-chart">
      <figcaption>
        {t('debugger.chartCaption', { flag: FLAG_RMSE_OVER_SCALE, rounding: formatSig(ROUNDING_RMSE_OVER_SCALE) })}
      </figcaption>
      <InTurn name="layer error chart" height={CHART_HEIGHT + 40}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT + 40}>
          <BarChart data={points} margin={{ ...CHART_MARGIN, bottom: 40 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={0} fontSize={11} angle={-20} textAnchor="end" />
            <YAxis domain={[0, Math.ceil(top * 10) / 10]} width={44} />
            <Tooltip formatter={(v) => formatSig(Number(v))} />
            <Legend verticalAlign="top" height={24} />
            <ReferenceLine y={FLAG_RMSE_OVER_SCALE} stroke={FLAGGED_COLOR} strokeDasharray="6 3" />
            <ReferenceLine y={ROUNDING_RMSE_OVER_SCALE} stroke="#8a93a3" strokeDasharray="2 3" />
            <Bar dataKey="perLayer" name={t('debugger.thisLayer')} fill={COLORS.runtime} isAnimationActive={false}>
              {points.map((p) => (
                <Cell key={p.tensorName} fill={p.flagged ? FLAGGED_COLOR : COLORS.runtime} />
              ))}
            </Bar>
            <Bar
              dataKey="endToEnd"
              name={t('debugger.accumulated')}
              fill={COLORS.simulated}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
