import { FLAG_RMSE_OVER_SCALE } from '../../core/debug/error-stats';
import { LAB_MODES, type QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';
import { mixedExport, summarizeAnalysis, type LayerAnalysis } from './debugger-model';
import { LayerErrorChart } from './LayerErrorChart';
import { LayerErrorTable } from './LayerErrorTable';
import { RuleExplanation } from './RuleExplanation';

interface Props {
  analysis: LayerAnalysis;
  keepFloat: ReadonlySet<string>;
  onToggle: (tensorName: string, keep: boolean) => void;
  /** Another job runs: no ticking or exporting. */
  busy: boolean;
  onExportMixed: (exported: ReturnType<typeof mixedExport>) => void;
  recipeFor: (mode: QuantMode) => QuantRecipe;
}

/** A finished analysis: the flag summary, the per-layer table and chart, and the mixed-precision export. */
export function LayerAnalysisView({ analysis, keepFloat, onToggle, busy, onExportMixed, recipeFor }: Props) {
  const { flagged, selective, chartPoints } = summarizeAnalysis(analysis);
  const { mode } = analysis;
  return (
    <>
      <RuleExplanation />
      {flagged.length > 0 ? (
        <p className="notice" data-testid="layer-errors-flagged">
          {flagged.length} layer(s) above {FLAG_RMSE_OVER_SCALE}: {flagged.map((r) => r.layer).join(', ')}. Their range
          may clip values or be too coarse; try another calibration method, or keep them in float below.
        </p>
      ) : (
        <p className="muted" data-testid="layer-errors-healthy">
          No layer above {FLAG_RMSE_OVER_SCALE}: every quantized output stays close to rounding-only error.
        </p>
      )}
      {mode === 'dynamic' && (
        <p className="hint">
          Dynamic range keeps activations in float, so outputs have no scale and no RMSE / scale; compare RMSE and SNR
          instead. Selective quantization applies to the full-integer modes.
        </p>
      )}
      <LayerErrorTable
        rows={analysis.rows}
        keepFloat={keepFloat}
        onToggle={onToggle}
        canKeepFloat={selective}
        disabled={busy}
      />
      <p className="hint">
        {analysis.samples} test images, {LAB_MODES[mode].title}. Accumulated: both models run from the image, so errors
        from earlier layers are included.
      </p>
      {chartPoints.length > 0 && <LayerErrorChart points={chartPoints} />}
      {selective && (
        <div className="actions">
          <button
            data-testid="export-mixed"
            onClick={() => onExportMixed(mixedExport(analysis, keepFloat, recipeFor(mode)))}
            disabled={busy || keepFloat.size === 0}
          >
            Export {mode}-mixed with {keepFloat.size} layer(s) in float
          </button>
          <span className="muted">
            The file is measured in the TFLite runtime and added to the results table as <code>{mode}-mixed</code>, next
            to the fully quantized modes: compare its size and accuracy.
          </span>
        </div>
      )}
    </>
  );
}
