import { useTranslation } from 'react-i18next';
import { memo, useId, useMemo, useState } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { weightErrorStats, weightHistogramBins, type WeightHistogramBin } from '../../core/eval/weight-histogram';
import { useInTurn } from '../common/use-in-turn';
import { CHART_MARGIN, COLORS } from './chart-style';
import { formatInt } from './results-format';

export interface WeightLayer {
  name: string;
  float: Float32Array;
  /** The same weights after quantize -> dequantize (scale * (q - zero_point)), same length and order as `float`. */
  quantized: Float32Array;
  /** The quantization grid's levels (weight units), drawn as dashed lines when there are few enough. */
  levels?: readonly number[];
}

/** More levels than this (8-bit grids have 255) would hide the histogram: they are not drawn. */
const MAX_DRAWN_LEVELS = 63;

interface Props {
  layers: WeightLayer[];
  /** Heading for what produced `quantized`, e.g. "int8 (per-channel)". */
  quantizedLabel?: string;
}

const BIN_CHOICES = [32, 64, 128, 256] as const;

/**
 * Float vs quantized weight histogram of one layer. The chosen layer and bin count are view state
 * local to this component (they change nothing in the lab), so they are kept with useState.
 */
export const WeightHistogram = memo(function WeightHistogram({ layers, quantizedLabel: label }: Props) {
  const { t } = useTranslation();
  const quantizedLabel = label ?? t('histogram.quantized');
  const [layerName, setLayerName] = useState(layers[0]?.name ?? '');
  const [bins, setBins] = useState<number>(128);
  const id = useId();
  const layer = layers.find((l) => l.name === layerName) ?? layers[0];
  const data = useMemo(
    () => (layer ? stepData(weightHistogramBins(layer.float, layer.quantized, bins)) : []),
    [layer, bins],
  );
  const stats = useMemo(() => (layer ? weightErrorStats(layer.float, layer.quantized) : undefined), [layer]);
  if (!layer || !stats) return null;
  return (
    <figure data-testid="weight-histogram" className="weight-histogram">
      <figcaption>{t('histogram.caption', { label: quantizedLabel })}</figcaption>
      <HistogramControls
        id={id}
        layers={layers}
        layer={layer.name}
        onLayer={setLayerName}
        bins={bins}
        onBins={setBins}
      />
      <WeightStepChart data={data} quantizedLabel={quantizedLabel} levels={layer.levels} />
      <p className="hint" data-testid="weight-error">
        {t('histogram.error', {
          distinctFloat: formatInt(stats.distinctFloat),
          distinctQuantized: formatInt(stats.distinctQuantized),
          max: stats.maxAbs.toPrecision(3),
          rms: stats.rms.toPrecision(3),
        })}
      </p>
    </figure>
  );
});

interface ControlsProps {
  id: string;
  layers: WeightLayer[];
  layer: string;
  onLayer: (name: string) => void;
  bins: number;
  onBins: (bins: number) => void;
}

/** The layer and bin-count choices. */
function HistogramControls({ id, layers, layer, onLayer, bins, onBins }: ControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="weight-histogram-controls">
      <label htmlFor={`${id}-layer`}>
        {t('histogram.layer')}
        <select id={`${id}-layer`} data-testid="weight-layer" value={layer} onChange={(e) => onLayer(e.target.value)}>
          {layers.map((l) => (
            <option key={l.name} value={l.name}>
              {t('histogram.layerOption', { name: l.name, n: formatInt(l.float.length) })}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-bins`}>
        {t('histogram.bins')}
        <select id={`${id}-bins`} value={bins} onChange={(e) => onBins(Number(e.target.value))}>
          {BIN_CHOICES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

const CHART_HEIGHT = 220;

/**
 * The float and quantized histograms as overlaid step areas, drawn in a main-thread task of their
 * own (useInTurn): the chart arrives with a new model, among other panels' renders.
 */
function WeightStepChart({
  data: latest,
  quantizedLabel,
  levels,
}: {
  data: StepPoint[];
  quantizedLabel: string;
  levels?: readonly number[];
}) {
  const { t } = useTranslation();
  // interval 0: the few "nice" ticks, each drawn, none measured (recharts measures labels to drop overlaps).
  const data = useInTurn(latest, 'weight histogram');
  if (!data) return <div style={{ height: CHART_HEIGHT }} />;
  const drawn = levels && levels.length <= MAX_DRAWN_LEVELS ? levels : [];
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <AreaChart data={data} margin={CHART_MARGIN}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="lo"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(v) => Number(v).toPrecision(2)}
          fontSize={12}
          interval={0}
        />
        <YAxis width={44} allowDecimals={false} interval={0} />
        <Tooltip labelFormatter={(v) => t('histogram.weightsFrom', { x: Number(v).toPrecision(3) })} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area
          type="stepAfter"
          dataKey="float"
          name={t('histogram.float')}
          stroke={COLORS.simulated}
          fill={COLORS.simulated}
          fillOpacity={0.5}
          isAnimationActive={false}
        />
        <Area
          type="stepAfter"
          dataKey="quantized"
          name={quantizedLabel}
          stroke={COLORS.runtime}
          fill="none"
          isAnimationActive={false}
        />
        {drawn.map((v, i) => (
          <ReferenceLine key={i} x={v} stroke={COLORS.runtime} strokeDasharray="2 3" strokeOpacity={0.6} />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}

type StepPoint = Pick<WeightHistogramBin, 'lo' | 'float' | 'quantized'>;

/** Step areas draw each bin from its left edge; a closing zero point at the last right edge finishes the last bin. */
function stepData(bins: WeightHistogramBin[]): StepPoint[] {
  if (bins.length === 0) return [];
  return [...bins, { lo: bins[bins.length - 1].hi, float: 0, quantized: 0 }];
}
