import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurvePoint } from './training-run';

interface Props {
  batchCurve: CurvePoint[];
  epochCurve: CurvePoint[];
}

const fmtEpoch = (x: number) => x.toFixed(2);

/**
 * Live loss and accuracy, per batch (thin lines) and per epoch (dots, with test accuracy).
 * The charts are mounted before training starts (empty): mounting recharts costs a main-thread task
 * of over 100 ms on a slow machine, which would otherwise land just as training begins.
 */
export function TrainingCharts({ batchCurve, epochCurve }: Props) {
  return (
    <div className="chart-row" data-testid={batchCurve.length > 0 ? 'training-charts' : 'training-charts-empty'}>
      <LossChart batchCurve={batchCurve} epochCurve={epochCurve} />
      <AccuracyChart batchCurve={batchCurve} epochCurve={epochCurve} />
    </div>
  );
}

/** Cross-entropy per batch and per epoch. */
function LossChart({ batchCurve, epochCurve }: Props) {
  return (
    <figure>
      <figcaption>Loss (cross-entropy)</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, 'dataMax']}
            tickFormatter={fmtEpoch}
            label={{ value: 'epoch', position: 'insideBottomRight', offset: -2 }}
          />
          <YAxis domain={[0, 'auto']} width={40} />
          <Tooltip formatter={(v) => Number(v).toFixed(4)} labelFormatter={(x) => `epoch ${fmtEpoch(Number(x))}`} />
          <Legend />
          <Line data={batchCurve} dataKey="loss" name="batch" dot={false} stroke="#8aa4d6" isAnimationActive={false} />
          <Line data={epochCurve} dataKey="loss" name="epoch mean" stroke="#1f4fa3" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Training accuracy per batch and per epoch, and test accuracy per epoch. */
function AccuracyChart({ batchCurve, epochCurve }: Props) {
  return (
    <figure>
      <figcaption>Accuracy</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} tickFormatter={fmtEpoch} />
          <YAxis domain={[0, 1]} width={40} />
          <Tooltip
            formatter={(v) => `${(Number(v) * 100).toFixed(2)}%`}
            labelFormatter={(x) => `epoch ${fmtEpoch(Number(x))}`}
          />
          <Legend />
          <Line
            data={batchCurve}
            dataKey="accuracy"
            name="batch"
            dot={false}
            stroke="#9bd3a6"
            isAnimationActive={false}
          />
          <Line data={epochCurve} dataKey="accuracy" name="train (epoch)" stroke="#2e8b57" isAnimationActive={false} />
          <Line data={epochCurve} dataKey="testAccuracy" name="test" stroke="#c0392b" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
