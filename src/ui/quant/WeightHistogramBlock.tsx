import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { WeightHistogram } from '../results/WeightHistogram';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';

/** Which mode's weights to show by default: the chosen one if measured, else the first quantized one. */
export function histogramMode(chosen: string, modesWithLayers: readonly string[]): string | undefined {
  return modesWithLayers.includes(chosen)
    ? chosen
    : (modesWithLayers.find((m) => m !== 'float32') ?? modesWithLayers[0]);
}

/** Weight histograms before and after quantization, for one chosen mode. */
export function WeightHistogramBlock({ outcomes }: { outcomes: Record<string, MeasuredMode> }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string>('int8');
  const modesWithLayers = Object.keys(outcomes).filter((m) => outcomes[m].layers.length > 0);
  const shownMode = histogramMode(chosen, modesWithLayers);
  if (!shownMode) return null;
  return (
    <div className="histogram-block">
      <h3>{t('quant.histogramTitle')}</h3>
      <label className="inline">
        {t('common.mode')}{' '}
        <select value={shownMode} onChange={(e) => setChosen(e.target.value)} data-testid="histogram-mode">
          {modesWithLayers.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </label>
      <WeightHistogram key={shownMode} layers={outcomes[shownMode].layers} quantizedLabel={shownMode} />
    </div>
  );
}
