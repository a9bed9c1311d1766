import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantRecipe } from '../../core/quant/recipe';
import { BitsChart } from './BitsChart';
import { BitsHistogram } from './BitsHistogram';
import { useBitsSweep } from './use-bits-sweep';

interface Props {
  trained?: TrainedModel;
  /** The lab's recipe settings (calibration, algorithms); the sweep sets mode, bits and granularity. */
  recipe: Partial<QuantRecipe>;
  /** Another job (training, quantization) is running. */
  busy: boolean;
}

const TEST_IMAGE_CHOICES = [1000, 2000, 10000] as const;

/** The bit-width explorer: accuracy against weight bits per granularity, and one layer's weights on the grid. */
export function BitsExplorer({ trained, recipe, busy }: Props) {
  const { t } = useTranslation();
  const [activationBits, setActivationBits] = useState<8 | 16>(8);
  const [testLimit, setTestLimit] = useState<number>(1000);
  const { state, start, cancel } = useBitsSweep(trained);
  const running = state.status === 'running';
  const series =
    state.status === 'done' ? state.result.series : state.status === 'running' ? state.progress?.series : undefined;
  return (
    <section className="panel" aria-labelledby="bits-title" data-testid="bits-explorer" data-state={state.status}>
      <h2 id="bits-title">{t('explore.title')}</h2>
      <p className="hint">{t('explore.intro')}</p>
      {!trained ? (
        <p className="muted">{t('explore.noModel')}</p>
      ) : (
        <>
          <div className="form-grid">
            <label>
              {t('explore.activations')}
              <select
                data-testid="bits-activations"
                value={activationBits}
                disabled={running}
                onChange={(e) => setActivationBits(Number(e.target.value) === 16 ? 16 : 8)}
              >
                <option value={8}>{t('explore.activations8')}</option>
                <option value={16}>{t('explore.activations16')}</option>
              </select>
            </label>
            <label>
              {t('explore.testImages')}
              <select
                data-testid="bits-test-images"
                value={testLimit}
                disabled={running}
                onChange={(e) => setTestLimit(Number(e.target.value))}
              >
                {TEST_IMAGE_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {n.toLocaleString()}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="actions">
            <button
              data-testid="bits-run"
              disabled={busy || running}
              onClick={() => start({ activationBits, testLimit, recipe: { ...recipe, keepFloat: undefined } })}
            >
              {t('explore.run')}
            </button>
            <button className="secondary" data-testid="bits-cancel" disabled={!running} onClick={() => void cancel()}>
              {t('explore.cancel')}
            </button>
          </div>
          {running && (
            <div className="progress-block" data-testid="bits-progress">
              <progress max={state.progress?.total ?? 1} value={state.progress?.done ?? 0} />
              <span className="muted">
                {t('explore.progress', { done: state.progress?.done ?? 0, total: state.progress?.total ?? 12 })}
              </span>
            </div>
          )}
          {state.status === 'failed' && (
            <p className="error" role="alert" data-testid="bits-error">
              {t('explore.failed', { message: state.message })}
            </p>
          )}
          {state.status === 'done' && state.result.cancelled && (
            <p className="notice" data-testid="bits-cancelled">
              {t('explore.cancelled')}
            </p>
          )}
          {series && series[0]?.points.length > 0 && <BitsChart series={series} />}
          <BitsHistogram trained={trained} />
        </>
      )}
    </section>
  );
}
