import { useTranslation } from 'react-i18next';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';
import { FLAG_RMSE_OVER_SCALE } from '../../core/debug/error-stats';
import { type QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';
import { mixedExport, summarizeAnalysis, type LayerAnalysis } from './debugger-model';
import { LayerErrorChart } from './LayerErrorChart';
import { LayerErrorTable } from './LayerErrorTable';
import { RuleExplanation } from './RuleExplanation';
import { formatList } from '../i18n/locale';

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
  const { t } = useTranslation();
  const m = useMessages();
  const { flagged, selective, chartPoints } = summarizeAnalysis(analysis);
  const { mode } = analysis;
  return (
    <>
      <RuleExplanation />
      {flagged.length > 0 ? (
        <p className="notice" data-testid="layer-errors-flagged">
          {t('debugger.flagged', {
            n: flagged.length,
            flag: FLAG_RMSE_OVER_SCALE,
            layers: formatList(flagged.map((r) => r.layer)),
          })}
        </p>
      ) : (
        <p className="muted" data-testid="layer-errors-healthy">
          {t('debugger.healthy', { flag: FLAG_RMSE_OVER_SCALE })}
        </p>
      )}
      {mode === 'dynamic' && <p className="hint">{t('debugger.dynamicHint')}</p>}
      <LayerErrorTable
        rows={analysis.rows}
        keepFloat={keepFloat}
        onToggle={onToggle}
        canKeepFloat={selective}
        disabled={busy}
      />
      <p className="hint">{t('debugger.samplesLine', { n: analysis.samples, mode: m.modes[mode].title })}</p>
      {chartPoints.length > 0 && <LayerErrorChart points={chartPoints} />}
      {selective && (
        <div className="actions">
          <button
            data-testid="export-mixed"
            onClick={() => onExportMixed(mixedExport(analysis, keepFloat, recipeFor(mode)))}
            disabled={busy || keepFloat.size === 0}
          >
            {t('debugger.exportMixed', { mode, n: keepFloat.size })}
          </button>
          <span className="muted">
            <Rich k="debugger.exportHint" values={{ mode }} />
          </span>
        </div>
      )}
    </>
  );
}
