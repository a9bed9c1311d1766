import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ToleranceInput } from './ToleranceInput';
import type { TrainedModel } from '../../core/model/trained-model';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import type { QuantRecipe } from '../../core/quant/recipe';
import { proposeRepairs, repairRunName, type RepairProposal } from '../../core/wizard/repair-advice';
import type { LayerAnalysis } from '../debug/debugger-model';
import { hasDepthwise, measuredForRepair, repairRecipe } from './repair-input';
import { DEFAULT_TOLERANCE_POINTS } from './Wizard';

interface Props {
  trained?: TrainedModel;
  outcomes: Record<string, MeasuredMode>;
  /** The per-layer debugger's finished analysis, if it has run. */
  analysis?: LayerAnalysis;
  canRun: boolean;
  /** Measures `recipe` under the results-table name `name` (the mixed-precision export's path). */
  onRun: (name: string, recipe: QuantRecipe) => void;
}

/** When a measured drop exceeds the tolerance: the kind of drop, the algorithm that fixes it, and a button to try it. */
export function RepairProposals({ trained, outcomes, analysis, canRun, onRun }: Props) {
  const { t } = useTranslation();
  const [tolerance, setTolerance] = useState(DEFAULT_TOLERANCE_POINTS);
  const proposals = useMemo(
    () =>
      trained
        ? proposeRepairs({
            floatAccuracy: trained.testAccuracy,
            tolerancePoints: tolerance,
            measured: measuredForRepair(outcomes),
            hasDepthwise: hasDepthwise(trained),
            debugger: analysis && { mode: analysis.mode, rows: analysis.rows },
          })
        : [],
    [trained, outcomes, analysis, tolerance],
  );
  if (!trained || Object.keys(outcomes).length === 0) return null;
  const text = (p: RepairProposal) => {
    switch (p.kind) {
      case 'cle':
        return t('repair.cle');
      case 'bias-correction':
        return t('repair.biasCorrection');
      case 'adaround':
        return t('repair.adaround', { bits: p.bits });
      case 'per-channel':
        return t('repair.perChannel', { bits: p.bits });
      case 'keep-float':
        return t('repair.keepFloat', { layer: p.layer });
    }
  };
  return (
    <section className="panel wizard" aria-labelledby="repair-title" data-testid="repair-proposals">
      <h2 id="repair-title">{t('repair.title')}</h2>
      <p className="hint">{t('repair.intro')}</p>
      <ToleranceInput
        value={tolerance}
        onChange={setTolerance}
        label={t('repair.tolerance')}
        testId="repair-tolerance"
      />
      {proposals.length === 0 ? (
        <p className="muted" data-testid="repair-none">
          {t('repair.none')}
        </p>
      ) : (
        <ul className="wizard-findings">
          {proposals.map((p) => {
            const id = `${p.kind}-${p.mode}`;
            const recipe = repairRecipe(p, outcomes);
            const name = repairRunName(p);
            return (
              <li key={id} className="wizard-finding wizard-warn" data-testid={`repair-${id}`}>
                <strong>{t('repair.drop', { mode: p.mode, points: p.dropPoints.toFixed(2) })}</strong> {text(p)}{' '}
                <button
                  className="secondary"
                  data-testid={`repair-run-${id}`}
                  disabled={!canRun || !recipe}
                  onClick={() => recipe && onRun(name, recipe)}
                >
                  {t('repair.run')} <code>{name}</code>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
