import { useTranslation } from 'react-i18next';
import { memo, useId, useMemo, useState } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TfliteModelInfo } from '../../core/tflite/read-tflite';
import { CoreSentence } from '../i18n/CoreSentence';
import { CHART_HEIGHT, CHART_MARGIN, COLORS } from '../results/chart-style';
import { formatInt } from '../results/results-format';
import { constantChoices, formatNumber, tensorHistogram } from './inspector-model';
import { InTurn } from '../common/InTurn';

interface Props {
  bytes: Uint8Array;
  info: TfliteModelInfo;
}

const BINS = 64;

/**
 * Histogram of one constant tensor (weights or bias) of the file, dequantized to real numbers when it has
 * quantization parameters. The chosen tensor is view state, so it stays local.
 */
export const ConstantHistogram = memo(function ConstantHistogram({ bytes, info }: Props) {
  const { t } = useTranslation();
  const choices = useMemo(() => constantChoices(info), [info]);
  const [key, setKey] = useState<string>();
  const [stored, setStored] = useState(false);
  const id = useId();
  const choice = choices.find((c) => c.key === key) ?? choices[0];
  const result = useMemo(
    () => (choice ? tensorHistogram(bytes, choice.tensor, !stored, BINS) : undefined),
    [bytes, choice, stored],
  );
  const data = useMemo(() => {
    if (!result?.ok) return [];
    const { edges, counts } = result.histogram;
    // Step areas draw each bin from its left edge; a closing zero at the last edge finishes the last bin.
    return [...counts.map((count, i) => ({ lo: edges[i]!, count })), { lo: edges[edges.length - 1]!, count: 0 }];
  }, [result]);
  if (!choice) return <p className="muted">{t('inspector.histogram.none')}</p>;
  const quantized = !!choice.tensor.quant?.scale.length;
  return (
    <figure className="inspector-histogram" data-testid="inspector-histogram">
      <figcaption>
        {t('inspector.histogram.caption')}
        {quantized && !stored ? t('inspector.histogram.dequantized') : ''}
        {t('inspector.histogram.spikes')}
      </figcaption>
      <div className="weight-histogram-controls">
        <label htmlFor={`${id}-tensor`}>
          {t('inspector.histogram.tensor')}
          <select
            id={`${id}-tensor`}
            data-testid="inspector-histogram-tensor"
            value={choice.key}
            onChange={(e) => setKey(e.target.value)}
          >
            {choices.slice(0, 500).map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {quantized && (
          <label className="inline">
            <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />{' '}
            {t('inspector.histogram.stored')}
          </label>
        )}
      </div>
      {result?.ok ? (
        <>
          <ConstantStepChart data={data} />
          <p className="hint">
            {t('inspector.histogram.range', {
              count: formatInt(result.count),
              min: formatNumber(result.min),
              max: formatNumber(result.max),
            })}
          </p>
        </>
      ) : (
        <p className="notice">
          {t('inspector.histogram.cannot')}{' '}
          {result?.why === 'no-reading' ? (
            t('inspector.histogram.noReading', { type: choice.tensor.type })
          ) : result?.why === 'no-finite' ? (
            t('inspector.histogram.noFinite')
          ) : (
            <CoreSentence failure={result?.failure ?? { message: result?.message ?? '' }} />
          )}
        </p>
      )}
    </figure>
  );
});

/** The values' histogram as a step area. */
function ConstantStepChart({ data }: { data: { lo: number; count: number }[] }) {
  return (
    <InTurn name="constant histogram" height={CHART_HEIGHT}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <AreaChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="lo"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v) => formatNumber(Number(v))}
            fontSize={12}
          />
          <YAxis width={44} allowDecimals={false} />
          <Tooltip labelFormatter={(v) => `values from ${formatNumber(Number(v))}`} />
          <Area
            type="stepAfter"
            dataKey="count"
            name="values"
            stroke={COLORS.runtime}
            fill={COLORS.simulated}
            fillOpacity={0.5}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </InTurn>
  );
}
