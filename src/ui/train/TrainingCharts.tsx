import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../common/format';
import { formatNumberFixed } from '../i18n/locale';
import type { CurvePoint } from './training-run';

interface Props {
  batchCurve: CurvePoint[];
  epochCurve: CurvePoint[];
}

const fmtEpoch = (x: number) => formatNumberFixed(x, 2);

/**
 * Live loss and accuracy, per batch (thin lines) and per epoch (dots, with test accuracy).
 * The charts are mounted before training starts (empty): mounting recharts costs a main-thread task
 * of over 100 ms on a slow machine, which would otherwise land just as training begins.
 */
export const TrainingCharts = memo(function TrainingCharts({ batchCurve, epochCurve }: Props) {
  return (
    <div className="chart-row" data-testid={batchCurve.length > 0 ? 'training-charts' : 'training-charts-empty'}>
      <LossChart batchCurve={batchCurve} epochCurve={epochCurve} />
      <AccuracyChart batchCurve={batchCurve} epochCurve={epochCurve} />
    </div>
  );
});

/** Cross-entropy per batch and per epoch. */
function LossChart({ batchCurve, epochCurve }: Props) {
  const { t } = useTranslation();
  return (
    <figure>
      <figcaption>{t('trainCharts.loss')}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, 'dataMax']}
            tickFormatter={fmtEpoch}
            label={{ value: t('trainCharts.epoch'), position: 'insideBottomRight', offset: -2 }}
          />
          <YAxis domain={[0, 'auto']} width={40} />
          <Tooltip
            formatter={(v) => formatNumberFixed(Number(v), 4)}
            labelFormatter={(x) => t('trainCharts.epochAt', { x: fmtEpoch(Number(x)) })}
          />
          <Legend />
          <Line
            data={batchCurve}
            dataKey="loss"
            name={t('trainCharts.batch')}
            dot={false}
            stroke="#8aa4d6"
            isAnimationActive={false}
          />
          <Line
            data={epochCurve}
            dataKey="loss"
            name={t('trainCharts.epochMean')}
            stroke="#1f4fa3"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Training accuracy per batch and per epoch, and test accuracy per epoch. */
function AccuracyChart({ batchCurve, epochCurve }: Props) {
  const { t } = useTranslation();
  return (
    <figure>
      <figcaption>{t('trainCharts.accuracy')}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} tickFormatter={fmtEpoch} />
          <YAxis domain={[0, 1]} width={40} />
          <Tooltip
            formatter={(v) => formatPercent(Number(v))}
            labelFormatter={(x) => t('trainCharts.epochAt', { x: fmtEpoch(Number(x)) })}
          />
          <Legend />
          <Line
            data={batchCurve}
            dataKey="accuracy"
            name={t('trainCharts.batch')}
            dot={false}
            stroke="#9bd3a6"
            isAnimationActive={false}
          />
          <Line
            data={epochCurve}
            dataKey="accuracy"
            name={t('trainCharts.trainEpoch')}
            stroke="#2e8b57"
            isAnimationActive={false}
          />
          <Line
            data={epochCurve}
            dataKey="testAccuracy"
            name={t('trainCharts.test')}
            stroke="#c0392b"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
