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
import { accuracyAxisDomain, accuracyAxisTicks, type SizeAccuracyPoint } from '../../core/eval/chart-series';
import { formatPercent } from '../common/format';
import { CHART_HEIGHT, CHART_MARGIN, COLORS, percentAxisTick, percentTick } from './chart-style';

interface Props {
  points: SizeAccuracyPoint[];
  /** Float TF.js test accuracy (0..1), drawn as a horizontal line. */
  floatReference: number;
}

/** Each mode as a point: smaller (left) and more accurate (up) is better. */
export function SizeAccuracyChart({ points, floatReference }: Props) {
  const domain = accuracyAxisDomain([floatReference, ...points.map((p) => p.accuracy)]);
  return (
    <figure data-testid="chart-size-accuracy">
      <figcaption>
        Size vs runtime accuracy: up and to the left is better. Red line: float model, {formatPercent(floatReference)}.
      </figcaption>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <ScatterChart margin={{ ...CHART_MARGIN, right: 28 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="kib" type="number" name="size" unit=" KiB" domain={[0, 'auto']} fontSize={12} />
          <YAxis
            dataKey="accuracy"
            type="number"
            name="accuracy"
            domain={domain}
            ticks={accuracyAxisTicks(domain)}
            allowDataOverflow
            tickFormatter={percentAxisTick}
            width={48}
            fontSize={12}
          />
          <Tooltip formatter={(v, name) => (name === 'accuracy' ? percentTick(v) : `${Number(v).toFixed(1)} KiB`)} />
          <ReferenceLine y={floatReference} stroke={COLORS.reference} strokeDasharray="4 3" />
          <Scatter data={points} name="modes" fill={COLORS.runtime} isAnimationActive={false}>
            <LabelList dataKey="mode" position="right" fontSize={11} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
