import { useEffect, useRef, useState } from 'react';
import { FLAG_RMSE_OVER_SCALE } from '../../core/debug/error-stats';
import type { LayerError } from '../../core/debug/layer-errors';
import type { TrainedModel } from '../../core/model/trained-model';
import { type QuantRecipe } from '../../core/quant/recipe';
import { LAB_MODES, LAYER_DEBUG_MODES, supportsKeepFloat, type QuantMode } from '../../core/modes/lab-modes';
import { CancelledError } from '../../bridge/worker-bridge';
import { labBridge } from '../lab-client';
import { LayerErrorChart } from './LayerErrorChart';
import { LayerErrorTable } from './LayerErrorTable';
import { rmseOverScalePoints } from './layer-format';

interface Props {
  trained?: TrainedModel;
  recipeFor: (mode: QuantMode) => QuantRecipe;
  /** Export a mixed-precision file: `mode` is the results-table name (e.g. 'int8-mixed'), `recipe` has keepFloat set. */
  onExportMixed: (mode: string, recipe: QuantRecipe) => void;
  /** Another job (training, quantization) is running. */
  busy: boolean;
}

const SAMPLE_CHOICES = [100, 200, 500] as const;

type Analysis =
  | { status: 'idle' }
  | { status: 'running'; mode: QuantMode }
  | { status: 'done'; mode: QuantMode; samples: number; rows: LayerError[] }
  | { status: 'failed'; message: string };

/** Per-layer quantization debugger (like TF's QuantizationDebugger) and selective quantization. */
export function DebuggerPanel({ trained, recipeFor, onExportMixed, busy }: Props) {
  const [mode, setMode] = useState<QuantMode>('int8');
  const [samples, setSamples] = useState<number>(200);
  const [analysis, setAnalysis] = useState<Analysis>({ status: 'idle' });
  const [keepFloat, setKeepFloat] = useState<ReadonlySet<string>>(new Set());
  const abort = useRef<AbortController>(undefined);

  // A new model invalidates the analysis and the choice of float layers.
  useEffect(() => {
    abort.current?.abort();
    setAnalysis({ status: 'idle' });
    setKeepFloat(new Set());
  }, [trained]);

  const running = analysis.status === 'running';
  const analyse = async () => {
    if (!trained) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const recipe = { ...recipeFor(mode), keepFloat: undefined };
    setAnalysis({ status: 'running', mode });
    setKeepFloat(new Set());
    try {
      const rows = await labBridge.run((api) => api.layerErrors(trained, recipe, samples), controller.signal);
      setAnalysis({ status: 'done', mode, samples, rows });
    } catch (e) {
      if (e instanceof CancelledError) setAnalysis({ status: 'idle' });
      else setAnalysis({ status: 'failed', message: (e as Error).message });
    }
  };

  const toggle = (name: string, keep: boolean) =>
    setKeepFloat((s) => {
      const next = new Set(s);
      if (keep) next.add(name);
      else next.delete(name);
      return next;
    });

  const done = analysis.status === 'done' ? analysis : undefined;
  const selective = done !== undefined && supportsKeepFloat(done.mode);
  const flagged = done?.rows.filter((r) => r.flagged) ?? [];
  const chartPoints = done ? rmseOverScalePoints(done.rows) : [];
  const exportMixed = () => {
    if (!done || keepFloat.size === 0) return;
    // Keep the table's op order, so the recipe reads like the model.
    const keep = done.rows.map((r) => r.tensorName).filter((n) => keepFloat.has(n));
    onExportMixed(`${done.mode}-mixed`, { ...recipeFor(done.mode), keepFloat: keep });
  };

  return (
    <section className="panel debugger" aria-labelledby="debugger-title">
      <h2 id="debugger-title">5. Per-layer quantization debugger</h2>
      <p className="hint">
        Like TensorFlow’s QuantizationDebugger: the quantized model and the float model run on the same test images, and
        every op’s output is compared with what the float op computes from the same input. Layers that lose the most can
        be kept in float and the model exported again (mixed precision).
      </p>
      <div className="actions">
        <label className="inline">
          Mode{' '}
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as QuantMode)}
            disabled={running}
            data-testid="layer-errors-mode"
          >
            {LAYER_DEBUG_MODES.map((m) => (
              <option key={m} value={m}>
                {LAB_MODES[m].title}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Test images{' '}
          <select
            value={samples}
            onChange={(e) => setSamples(Number(e.target.value))}
            disabled={running}
            data-testid="layer-errors-samples"
          >
            {SAMPLE_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button data-testid="layer-errors-run" onClick={analyse} disabled={!trained || busy || running}>
          Analyse layers
        </button>
        {running && (
          <button className="secondary" onClick={() => abort.current?.abort()} data-testid="layer-errors-cancel">
            Cancel
          </button>
        )}
        {!trained && <span className="muted">Train a model first.</span>}
      </div>
      {running && (
        <p className="muted" data-testid="layer-errors-running">
          Quantizing ({analysis.mode}) and comparing every layer…
        </p>
      )}
      {analysis.status === 'failed' && (
        <p className="error" role="alert" data-testid="layer-errors-error">
          {analysis.message}
        </p>
      )}
      {done && (
        <>
          <RuleExplanation />
          {flagged.length > 0 ? (
            <p className="notice" data-testid="layer-errors-flagged">
              {flagged.length} layer(s) above {FLAG_RMSE_OVER_SCALE}: {flagged.map((r) => r.layer).join(', ')}. Their
              range may clip values or be too coarse; try another calibration method, or keep them in float below.
            </p>
          ) : (
            <p className="muted" data-testid="layer-errors-healthy">
              No layer above {FLAG_RMSE_OVER_SCALE}: every quantized output stays close to rounding-only error.
            </p>
          )}
          {done.mode === 'dynamic' && (
            <p className="hint">
              Dynamic range keeps activations in float, so outputs have no scale and no RMSE / scale; compare RMSE and
              SNR instead. Selective quantization applies to the full-integer modes.
            </p>
          )}
          <LayerErrorTable
            rows={done.rows}
            keepFloat={keepFloat}
            onToggle={toggle}
            canKeepFloat={selective}
            disabled={busy}
          />
          <p className="hint">
            {done.samples} test images, {LAB_MODES[done.mode].title}. Accumulated: both models run from the image, so
            errors from earlier layers are included.
          </p>
          {chartPoints.length > 0 && <LayerErrorChart points={chartPoints} />}
          {selective && (
            <div className="actions">
              <button data-testid="export-mixed" onClick={exportMixed} disabled={busy || keepFloat.size === 0}>
                Export {done.mode}-mixed with {keepFloat.size} layer(s) in float
              </button>
              <span className="muted">
                The file is measured in the TFLite runtime and added to the results table as{' '}
                <code>{done.mode}-mixed</code>, next to the fully quantized modes: compare its size and accuracy.
              </span>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The 1/sqrt(12) rule in plain words. */
function RuleExplanation() {
  return (
    <details className="debugger-rule" open>
      <summary>How to read RMSE / scale</summary>
      <p>
        A quantized layer stores each output as a whole number of steps; the step size is the layer’s <em>scale</em>.
        Rounding to the nearest step is off by at most half a step, and on average the error behaves like a value spread
        evenly between −½ and +½ a step, whose root mean square is 1/√12 ≈ <strong>0.289</strong> steps. So a layer
        whose RMSE / scale is near 0.29 (or below, since exact values such as ReLU zeros add no error) loses only what
        rounding must lose. Well above that, above <strong>{FLAG_RMSE_OVER_SCALE}</strong>, something else is wrong:
        usually the calibrated range clips large values, which then all collapse onto the end of the range. Such rows
        are highlighted.
      </p>
    </details>
  );
}
