import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ArenaPlan } from '../../core/deploy/arena-plan';
import { liveTensorSeries } from '../../core/deploy/live-tensors';
import { CHART_HEIGHT, CHART_MARGIN } from '../results/chart-style';
import { InTurn } from '../common/InTurn';

const PALETTE = ['#1f4fa3', '#2e8b57', '#c0392b', '#8e44ad', '#d68910', '#16a085', '#7f8c8d', '#8aa4d6'];

interface Props {
  mode: string;
  plan: ArenaPlan;
}

/** Which tensors are live at each step (stacked bytes), with the planned arena for comparison. */
export const LiveTensorChart = memo(function LiveTensorChart({ mode, plan }: Props) {
  const { t } = useTranslation();
  const series = useMemo(() => liveTensorSeries(plan), [plan]);
  return (
    <figure data-testid={`live-tensors-${mode}`}>
      <figcaption>
        {t('deploy.liveCaption', {
          mode,
          arena: formatNumberFixed(plan.arenaBytes, 0),
          peak: formatNumberFixed(series.peakLiveBytes, 0),
        })}
      </figcaption>
      <InTurn name="live tensor chart" height={CHART_HEIGHT + 40}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT + 40}>
          <BarChart data={series.rows} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="step"
              tickFormatter={(s: string) => (s === 'inputs' ? t('deploy.inputsStep') : s)}
              fontSize={10}
              interval={0}
              angle={-30}
              textAnchor="end"
              height={60}
            />
            <YAxis width={60} />
            <Tooltip formatter={(v) => `${formatNumberFixed(Number(v), 0)} B`} />
            {series.series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="live"
                fill={PALETTE[i % PALETTE.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
