import { useState } from 'react';
import type { LabReport } from '../../core/report/report';
import { LAB_MODES, isQuantMode } from '../../core/modes/lab-modes';
import { validateQuantSettings, type QuantSettings } from '../state/lab-state';
import { DownloadAll } from '../results/DownloadAll';
import { ResultsCharts } from '../results/ResultsCharts';
import { ResultsTable } from '../results/ResultsTable';
import { WeightHistogram } from '../results/WeightHistogram';
import { RecipeForm } from './RecipeForm';
import type { QuantRun } from './use-quantization';

interface Props {
  settings: QuantSettings;
  onSettingsChange: (s: QuantSettings) => void;
  run: QuantRun;
  report?: LabReport;
  files: Record<string, Uint8Array>;
  canRun: boolean;
  onRun: () => void;
  /** Export only the float32 file (the quickest check that the lab writes real .tflite files). */
  onExportFloat: () => void;
  onCancel: () => void;
}

/** Step 2: post-training quantization into every TFLite mode, measured side by side. */
export function QuantizePanel({
  settings,
  onSettingsChange,
  run,
  report,
  files,
  canRun,
  onRun,
  onExportFloat,
  onCancel,
}: Props) {
  const busy = run.status === 'running';
  const problems = validateQuantSettings(settings);
  const modesWithLayers = Object.keys(run.outcomes).filter((m) => run.outcomes[m].layers.length > 0);
  const [histMode, setHistMode] = useState<string>('int8');
  const shownMode = modesWithLayers.includes(histMode)
    ? histMode
    : (modesWithLayers.find((m) => m !== 'float32') ?? modesWithLayers[0]);
  return (
    <section className="panel" aria-labelledby="quant-title">
      <h2 id="quant-title">2. Quantize and compare</h2>
      <RecipeForm options={settings} onChange={onSettingsChange} disabled={busy} />
      {problems.length > 0 && <p className="error">{problems.join('; ')}</p>}
      <div className="actions">
        <button
          data-testid="quantize-run"
          onClick={onRun}
          disabled={!canRun || busy || problems.length > 0 || settings.modes.length === 0}
        >
          Quantize, export and measure {settings.modes.length} mode(s)
        </button>
        <button className="secondary" data-testid="export-float32" onClick={onExportFloat} disabled={!canRun || busy}>
          Export float32 only
        </button>
        <button className="secondary" data-testid="quantize-cancel" onClick={onCancel} disabled={!busy}>
          Cancel
        </button>
        {!canRun && <span className="muted">Train a model first.</span>}
      </div>
      {run.step && (
        <div className="progress-block" data-testid="quantize-progress">
          <progress max={1} value={(run.step.index + (run.step.fraction ?? 0)) / run.step.total} />
          <span className="muted">
            {run.step.mode} ({run.step.index + 1}/{run.step.total}): {run.step.what}…
          </span>
        </div>
      )}
      {run.status === 'cancelled' && (
        <p className="notice">Cancelled; the files finished before the cancel are kept below.</p>
      )}
      {Object.entries(run.errors).map(([mode, message]) => (
        <p key={mode} className="error" role="alert" data-testid={`quantize-error-${mode}`}>
          {isQuantMode(mode) ? LAB_MODES[mode].title : mode}: {message}
        </p>
      ))}
      {report && report.modes.length > 0 && (
        <>
          <ResultsTable report={report} files={files} />
          <DownloadAll report={report} files={files} />
          <ResultsCharts report={report} />
          {shownMode && (
            <div className="histogram-block">
              <h3>Weights before and after quantization</h3>
              <label className="inline">
                Mode{' '}
                <select value={shownMode} onChange={(e) => setHistMode(e.target.value)} data-testid="histogram-mode">
                  {modesWithLayers.map((m) => (
                    <option key={m}>{m}</option>
                  ))}
                </select>
              </label>
              <WeightHistogram key={shownMode} layers={run.outcomes[shownMode].layers} quantizedLabel={shownMode} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
