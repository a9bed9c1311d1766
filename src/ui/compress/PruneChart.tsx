import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useInTurn } from '../common/use-in-turn';
import { COLORS, percentTick } from '../results/chart-style';
import { useTranslation } from 'react-i18next';
import type { CompressPoint } from './use-compression';

/** Live sparsity (schedule) and batch accuracy per optimizer step, through pruning and then clustering. */
export const PruneChart = memo(function PruneChart({ points: latest }: { points: CompressPoint[] }) {
  const { t } = useTranslation();
  // Drawn in a main-thread task of its own (useInTurn): it mounts with a new model, among other panels.
  const points = useInTurn(latest, 'prune chart');
  return (
    <figure data-testid="prune-chart" data-points={latest.length}>
      <figcaption>{t('compress.chartCaption')}</figcaption>
      {points === undefined ? (
        <div style={{ height: 220 }} />
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={points} margin={{ left: 0, right: 12, top: 8, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="step" type="number" domain={[0, 'dataMax']} fontSize={12} interval={0} />
            <YAxis domain={[0, 1]} width={44} interval={0} tickFormatter={(v) => `${Math.round(Number(v) * 100)}%`} />
            <Tooltip formatter={percentTick} labelFormatter={(x) => t('compress.chartStep', { x })} />
            <Legend />
            <Line
              dataKey="sparsity"
              name={t('compress.sparsity')}
              dot={false}
              stroke={COLORS.reference}
              isAnimationActive={false}
            />
            <Line
              dataKey="accuracy"
              name={t('compress.batchAccuracy')}
              dot={false}
              stroke={COLORS.runtime}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
