import { useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { formatPercent } from '../common/format';
import {
  CLUSTER_CHOICES,
  DEFAULT_COMPRESS_FORM,
  planFromForm,
  validateCompressForm,
  type CompressForm,
} from './compress-form';
import { CompressExplainer } from './CompressExplainer';
import { CompressSummary } from './CompressSummary';
import { PruneChart } from './PruneChart';
import { useCompression } from './use-compression';

interface Props {
  trained?: TrainedModel;
  canRun: boolean;
  /** Seed and batch size of the lab's training settings, reused by the fine-tuning. */
  seed: number;
  batchSize: number;
  /** The compressed model becomes the lab's model (the quantization below uses it). */
  onCompressed: (m: TrainedModel) => void;
  onBusyChange: (busy: boolean) => void;
}

/** Step 2b: prune by magnitude and cluster the trained model before quantizing it. */
export function CompressPanel({ trained, canRun, seed, batchSize, onCompressed, onBusyChange }: Props) {
  const [form, setForm] = useState<CompressForm>(DEFAULT_COMPRESS_FORM);
  const { run, start, cancel } = useCompression(onCompressed);
  const problems = validateCompressForm(form);
  const busy = run.status === 'running' || run.status === 'cancelling';
  const set = (patch: Partial<CompressForm>) => setForm((f) => ({ ...f, ...patch }));
  const onRun = async () => {
    if (!trained) return;
    onBusyChange(true);
    try {
      await start(trained, planFromForm(form, seed, batchSize));
    } finally {
      onBusyChange(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="compress-title">
      <h2 id="compress-title">Prune and cluster before quantizing</h2>
      <CompressExplainer />
      <fieldset className="form-grid" disabled={busy}>
        <label>
          Target sparsity (% of weights set to zero)
          <input
            type="number"
            min={0}
            max={99}
            step={5}
            data-testid="prune-sparsity"
            value={Math.round(form.sparsity * 1000) / 10}
            onChange={(e) => e.target.value !== '' && set({ sparsity: Number(e.target.value) / 100 })}
          />
        </label>
        <label>
          Schedule
          <select value={form.schedule} onChange={(e) => set({ schedule: e.target.value as CompressForm['schedule'] })}>
            <option value="polynomial">polynomial decay from 50% (TFMOT, power 3)</option>
            <option value="constant">constant sparsity</option>
          </select>
        </label>
        <label>
          Fine-tuning epochs
          <input
            type="number"
            min={1}
            max={50}
            data-testid="prune-epochs"
            value={form.epochs}
            onChange={(e) => e.target.value !== '' && set({ epochs: Number(e.target.value) })}
          />
        </label>
        <label>
          Training images per epoch
          <input
            type="number"
            min={1}
            max={60000}
            data-testid="prune-train-limit"
            value={form.trainLimit}
            onChange={(e) => e.target.value !== '' && set({ trainLimit: Number(e.target.value) })}
          />
        </label>
        <label>
          Layers
          <select value={form.layers} onChange={(e) => set({ layers: e.target.value as CompressForm['layers'] })}>
            <option value="all">every conv and dense kernel</option>
            <option value="dense">the dense layer only</option>
          </select>
        </label>
        <label>
          Clusters per kernel (weight sharing)
          <select
            data-testid="cluster-count"
            value={form.clusters}
            onChange={(e) => set({ clusters: Number(e.target.value) })}
          >
            {CLUSTER_CHOICES.map((k) => (
              <option key={k} value={k}>
                {k === 0 ? 'off' : k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Centroid start
          <select value={form.init} onChange={(e) => set({ init: e.target.value as CompressForm['init'] })}>
            <option value="density">density-based (by the weights' CDF)</option>
            <option value="linear">linear (evenly spaced)</option>
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.preserveSparsity}
            onChange={(e) => set({ preserveSparsity: e.target.checked })}
          />
          Keep pruned zeros out of the clusters
        </label>
      </fieldset>
      {problems.map((p) => (
        <p key={p} className="error" data-testid="prune-problem">
          {p}
        </p>
      ))}
      <div className="actions">
        <button
          type="button"
          data-testid="prune-run"
          disabled={!trained || !canRun || busy || problems.length > 0}
          onClick={onRun}
        >
          {form.clusters > 0 ? 'Prune and cluster' : 'Prune'}
        </button>
        {busy && (
          <button type="button" className="secondary" data-testid="prune-cancel" onClick={cancel}>
            Cancel (keeps the last completed step)
          </button>
        )}
        {!trained && <span className="muted">Train a model first.</span>}
        {trained?.compression && !busy && (
          <span className="muted">The lab's model is already compressed; running again compresses it further.</span>
        )}
      </div>
      <PruneChart points={run.points} />
      {run.status === 'failed' && (
        <p className="error" role="alert" data-testid="prune-error">
          {run.error}
        </p>
      )}
      {run.result && <CompressSummary result={run.result} cancelled={run.status === 'cancelled'} />}
      {busy && run.points.length > 0 && (
        <p className="muted" data-testid="prune-status">
          Step {run.points.at(-1)!.step + 1}: sparsity {formatPercent(run.points.at(-1)!.sparsity)}, batch accuracy{' '}
          {formatPercent(run.points.at(-1)!.accuracy)}
        </p>
      )}
    </section>
  );
}
