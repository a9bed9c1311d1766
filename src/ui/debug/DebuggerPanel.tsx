import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';
import { CoreSentence } from '../i18n/CoreSentence';
import { DebuggerControls } from './DebuggerControls';
import { LayerAnalysisView } from './LayerAnalysisView';
import type { LayerAnalysisHandle } from './use-layer-analysis';

interface Props {
  trained?: TrainedModel;
  recipeFor: (mode: QuantMode) => QuantRecipe;
  /** Export a mixed-precision file: `mode` is the results-table name (e.g. 'int8-mixed'), `recipe` has keepFloat set. */
  onExportMixed: (mode: string, recipe: QuantRecipe) => void;
  /** Another job (training, quantization) is running. */
  busy: boolean;
  /** The analysis and the kept layers (useLayerAnalysis, held by the session: the graph view shares them). */
  analysis: LayerAnalysisHandle;
}

/** Per-layer quantization debugger (like TF's QuantizationDebugger) and selective quantization. */
export function DebuggerPanel({ trained, recipeFor, onExportMixed, busy, analysis }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<QuantMode>('int8');
  const [samples, setSamples] = useState<number>(200);
  const { state, keepFloat, analyse, toggle, cancel } = analysis;
  const running = state.status === 'running';
  return (
    <section className="panel debugger" aria-labelledby="debugger-title">
      <h2 id="debugger-title">{t('debugger.title')}</h2>
      <p className="hint">{t('debugger.hint')}</p>
      <DebuggerControls
        mode={mode}
        onMode={setMode}
        samples={samples}
        onSamples={setSamples}
        running={running}
        canRun={!!trained && !busy}
        hasModel={!!trained}
        onRun={() => analyse(recipeFor(mode), samples)}
        onCancel={cancel}
      />
      {running && (
        <p className="muted" data-testid="layer-errors-running">
          {t('debugger.running', { mode })}
        </p>
      )}
      {state.status === 'failed' && (
        <p className="error" role="alert" data-testid="layer-errors-error">
          {t('debugger.failed')} <CoreSentence failure={state} />
        </p>
      )}
      {state.status === 'done' && (
        <LayerAnalysisView
          analysis={state.result}
          keepFloat={keepFloat}
          onToggle={toggle}
          busy={busy}
          onExportMixed={(keep) => keep && onExportMixed(keep.mode, keep.recipe)}
          recipeFor={recipeFor}
        />
      )}
    </section>
  );
}
