import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weightGridLayers } from '../../core/eval/weight-grid';
import { modelToGraph } from '../../core/graph/model-to-graph';
import type { TrainedModel } from '../../core/model/trained-model';
import { SWEEP_WEIGHT_BITS, WEIGHT_GRANULARITIES, type WeightGranularity } from '../../core/quant/bits-sweep';
import { WeightHistogram } from '../results/WeightHistogram';

/** One layer's weights on the grid of the chosen bits and granularity (the 8-bit histogram, generalised). */
export function BitsHistogram({ trained }: { trained: TrainedModel }) {
  const { t } = useTranslation();
  const [bits, setBits] = useState<number>(4);
  const [granularity, setGranularity] = useState<WeightGranularity>('per-tensor');
  const graph = useMemo(() => modelToGraph(trained), [trained]);
  const layers = useMemo(
    () => weightGridLayers(graph, bits, granularity === 'per-channel'),
    [graph, bits, granularity],
  );
  const gName = granularity === 'per-channel' ? t('explore.perChannel') : t('explore.perTensor');
  return (
    <div className="histogram-block" data-testid="bits-histogram">
      <h3>{t('explore.histogramTitle', { bits })}</h3>
      <div className="weight-histogram-controls">
        <label>
          {t('explore.histogramBits')}
          <select data-testid="bits-histogram-bits" value={bits} onChange={(e) => setBits(Number(e.target.value))}>
            {SWEEP_WEIGHT_BITS.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('explore.granularity')}
          <select
            data-testid="bits-histogram-granularity"
            value={granularity}
            onChange={(e) => setGranularity(e.target.value as WeightGranularity)}
          >
            {WEIGHT_GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {g === 'per-channel' ? t('explore.perChannel') : t('explore.perTensor')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <WeightHistogram layers={layers} quantizedLabel={t('explore.quantizedLabel', { bits, granularity: gName })} />
      <p className="hint">
        {granularity === 'per-channel'
          ? t('explore.gridNotePerChannel')
          : t('explore.gridNote', { levels: 2 ** bits - 1 })}
      </p>
    </div>
  );
}
