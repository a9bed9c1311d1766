import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../common/format';
import { useInTurn } from '../common/use-in-turn';
import { formatNumberFixed } from '../i18n/locale';
import { downsample, epochTicks, type CurvePoint } from './training-run';

interface Props {
  batchCurve: readonly CurvePoint[];
  epochCurve: readonly CurvePoint[];
  /** The run's epochs: the epoch axis spans them from the start, so it stays put as points arrive. */
  epochs: number;
}

interface ChartProps {
  batchCurve: CurvePoint[];
  epochCurve: CurvePoint[];
  ticks: number[];
}

const fmtEpoch = (x: number) => formatNumberFixed(x, 2);

/**
 * Live loss and accuracy, per batch (thin lines) and per epoch (dots, with test accuracy).
 * The charts are mounted before training starts (empty): mounting recharts costs a main-thread task
 * of over 100 ms on a slow machine, which would otherwise land just as training begins.
 */
export const TrainingCharts = memo(function TrainingCharts({ batchCurve, epochCurve, epochs }: Props) {
  // Bounded series and fixed ticks keep a redraw cheap (recharts measures tick labels it has not seen).
  const batches = useMemo(() => [...downsample(batchCurve)], [batchCurve]);
  const epochPoints = useMemo(() => [...downsample(epochCurve)], [epochCurve]);
  const ticks = useMemo(() => epochTicks(epochs), [epochs]);
  const view = useMemo(() => ({ batchCurve: batches, epochCurve: epochPoints, ticks }), [batches, epochPoints, ticks]);
  return (
    <div className="chart-row" data-testid={batchCurve.length > 0 ? 'training-charts' : 'training-charts-empty'}>
      <LossChart view={view} />
      <AccuracyChart view={view} />
    </div>
  );
});

/** Where a chart will be until its first turn (useInTurn): the same height, so the page does not move. */
const Placeholder = () => <div style={{ height: CHART_HEIGHT }} />;

const CHART_HEIGHT = 200;

/** Cross-entropy per batch and per epoch; redrawn in a turn of its own (useInTurn). */
function LossChart({ view }: { view: ChartProps }) {
  const { t } = useTranslation();
  const shown = useInTurn(view, 'loss chart');
  if (!shown) return <ChartFrame caption={t('trainCharts.loss')} />;
  const { batchCurve, epochCurve, ticks } = shown;
  return (
    <figure>
      <figcaption>{t('trainCharts.loss')}</figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, ticks.at(-1) ?? 1]}
            ticks={ticks}
            interval={0}
            tickFormatter={fmtEpoch}
            label={{ value: t('trainCharts.epoch'), position: 'insideBottomRight', offset: -2 }}
          />
          <YAxis domain={[0, 'auto']} width={40} interval={0} />
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

/** Training accuracy per batch and per epoch, and test accuracy per epoch; redrawn in a turn of its own. */
function AccuracyChart({ view }: { view: ChartProps }) {
  const { t } = useTranslation();
  const shown = useInTurn(view, 'accuracy chart');
  if (!shown) return <ChartFrame caption={t('trainCharts.accuracy')} />;
  const { batchCurve, epochCurve, ticks } = shown;
  return (
    <figure>
      <figcaption>{t('trainCharts.accuracy')}</figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, ticks.at(-1) ?? 1]}
            ticks={ticks}
            interval={0}
            tickFormatter={fmtEpoch}
          />
          <YAxis domain={[0, 1]} width={40} interval={0} />
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

/** A chart's caption and its space, before its first turn. */
function ChartFrame({ caption }: { caption: string }) {
  return (
    <figure>
      <figcaption>{caption}</figcaption>
      <Placeholder />
    </figure>
  );
}
