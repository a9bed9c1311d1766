import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { WEIGHT_GRANULARITIES, type BitsSeries, type WeightGranularity } from '../../core/quant/bits-sweep';
import { formatPercent } from '../common/format';
import { CHART_HEIGHT, CHART_MARGIN, COLORS, percentAxisTick, percentTick } from '../results/chart-style';
import { bitsAxisMin, bitsChartRows } from './bits-chart-data';
import { InTurn } from '../common/InTurn';

const LINE_COLORS: Record<WeightGranularity, string> = {
  'per-channel': COLORS.runtime,
  'per-tensor': COLORS.reference,
};

/** Accuracy against weight bits, one line per granularity, and the same numbers as a table. */
export const BitsChart = memo(function BitsChart({ series }: { series: BitsSeries[] }) {
  const { t } = useTranslation();
  const rows = bitsChartRows(series);
  const name = (g: WeightGranularity) => (g === 'per-channel' ? t('explore.perChannel') : t('explore.perTensor'));
  const activations = series[0]?.activationBits ?? 8;
  return (
    <figure data-testid="bits-chart" data-points={rows.length}>
      <figcaption>{t('explore.chartCaption', { activations })}</figcaption>
      <InTurn name="bits chart" height={CHART_HEIGHT}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <LineChart data={rows} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="bits"
              type="number"
              reversed
              domain={[2, 8]}
              ticks={[8, 6, 5, 4, 3, 2]}
              fontSize={12}
              label={{ value: t('explore.bitsAxis'), position: 'insideBottomRight', offset: -2, fontSize: 12 }}
            />
            <YAxis domain={[bitsAxisMin(rows), 1]} tickFormatter={percentAxisTick} width={48} fontSize={12} />
            <Tooltip formatter={percentTick} labelFormatter={(b) => `${String(b)} ${t('explore.bitsAxis')}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {WEIGHT_GRANULARITIES.map((g) => (
              <Line key={g} dataKey={g} name={name(g)} stroke={LINE_COLORS[g]} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </InTurn>
      <table className="results-table bits-table" data-testid="bits-points">
        <thead>
          <tr>
            <th scope="col">{t('explore.bitsAxis')}</th>
            {WEIGHT_GRANULARITIES.map((g) => (
              <th key={g} scope="col">
                {name(g)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.bits}>
              <th scope="row">{r.bits}</th>
              {WEIGHT_GRANULARITIES.map((g) => (
                <td key={g} data-testid={`bits-point-${g}-${r.bits}`}>
                  {r[g] === undefined ? '–' : formatPercent(r[g])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
});
