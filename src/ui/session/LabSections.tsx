import { memo, useCallback, useMemo, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetId } from '../../core/mnist/datasets';
import type { QuantMode } from '../../core/modes/lab-modes';
import { CompressPanel } from '../compress/CompressPanel';
import { ConfusionPanel as ConfusionPanelView } from '../confusion/ConfusionPanel';
import { DebuggerPanel } from '../debug/DebuggerPanel';
import { DatasetSelect } from '../datasets/DatasetSelect';
import { DeployPanel as DeployPanelView } from '../deploy/DeployPanel';
import { BitsExplorer } from '../explore/BitsExplorer';
import { GraphPanel } from '../graph/GraphPanel';
import { DrawPanel as DrawPanelView } from '../draw/DrawPanel';
import { ImportModel } from '../import/ImportModel';
import { InspectorPanel } from '../inspector/InspectorPanel';
import { QatPanel } from '../qat/QatPanel';
import { QuantizePanel } from '../quant/QuantizePanel';
import { RunsPanel } from '../runs/RunsPanel';
import { checksByMode } from '../results/deploy-checks';
import { recipeFor, type LabState } from '../state/lab-state';
import { TrainSection } from '../train/TrainSection';
import { RepairProposals as RepairProposalsView } from '../wizard/RepairProposals';
import { Wizard as WizardView } from '../wizard/Wizard';
import type { LabSession } from './lab-session';

// The panels below the results table re-render only when their own props change (not on every progress step).
const ConfusionPanel = memo(ConfusionPanelView);
const DeployPanel = memo(DeployPanelView);
const DrawPanel = memo(DrawPanelView);
const Wizard = memo(WizardView);
const RepairProposals = memo(RepairProposalsView);

/** A section of the page: it takes what it needs from the session. */
export type LabSection = ComponentType<{ session: LabSession }>;

function DatasetStep({ session: { lab, setLab, training } }: { session: LabSession }) {
  const { t } = useTranslation();
  const onChange = useCallback((dataset: DatasetId) => setLab('train', { ...lab.train, dataset }), [lab.train, setLab]);
  return (
    <section className="panel" aria-labelledby="dataset-title">
      <h2 id="dataset-title">{t('datasets.label')}</h2>
      <DatasetSelect value={lab.train.dataset} onChange={onChange} disabled={training} />
    </section>
  );
}

function TrainStep({
  session: { lab, setLab, dataReady, trained, training, actions, setTraining, runs },
}: {
  session: LabSession;
}) {
  const onSettingsChange = useCallback((train: LabState['train']) => setLab('train', train), [setLab]);
  return (
    <>
      <TrainSection
        settings={lab.train}
        onSettingsChange={onSettingsChange}
        ready={dataReady}
        trained={trained}
        onTrained={actions.onTrained}
        onReset={actions.onReset}
        onBusyChange={setTraining}
      />
      <ImportModel
        ready={dataReady}
        busy={training}
        trained={trained}
        onImported={actions.onTrained}
        quant={lab.quant}
        onQuantized={runs.keepAgreementRun}
        runs={runs.runs}
      />
    </>
  );
}

function CompressStep({
  session: { lab, setLab, trained, training, quant, settledResults: results, actions, setTraining },
}: {
  session: LabSession;
}) {
  return (
    <CompressPanel
      trained={trained}
      canRun={!training && quant.run.status !== 'running'}
      seed={lab.train.seed}
      batchSize={lab.train.batchSize}
      form={lab.compress}
      onFormChange={(c) => setLab('compress', c)}
      onCompressed={actions.onTrained}
      onBusyChange={setTraining}
      measured={results.report?.modes}
    />
  );
}

function QuantizeStep({
  session: { lab, setLab, trained, training, quant, results, actions },
}: {
  session: LabSession;
}) {
  return (
    <QuantizePanel
      settings={lab.quant}
      onSettingsChange={(q) => setLab('quant', q)}
      run={quant.run}
      outcomes={results.outcomes}
      report={results.report}
      files={results.files}
      canRun={!!trained && !training}
      onRun={() => actions.quantizeModes(lab.quant.modes)}
      onExportFloat={() => actions.quantizeModes(['float32'])}
      onCancel={quant.cancel}
    />
  );
}

function ExploreStep({ session: { lab, trained, training, quant } }: { session: LabSession }) {
  const { modes: _modes, ...recipe } = lab.quant;
  return <BitsExplorer trained={trained} recipe={recipe} busy={training || quant.run.status === 'running'} />;
}

function QatStep({
  session: { lab, setLab, trained, training, quant, qat, settledResults: results, actions },
}: {
  session: LabSession;
}) {
  const running = quant.run.status === 'running';
  return (
    <QatPanel
      settings={lab.qat}
      onSettingsChange={(s) => setLab('qat', s)}
      canRun={!!trained && !training && !running}
      running={running && quant.run.mode === 'qat'}
      progress={qat.progress}
      outcome={results.outcomes.qat}
      ptqInt8Accuracy={results.outcomes.int8?.entry.accuracy}
      floatAccuracy={trained?.testAccuracy}
      onRun={actions.runQat}
      onCancel={qat.cancel}
    />
  );
}

function WizardStep({
  session: { trained, training, quant, settledResults: results, actions },
}: {
  session: LabSession;
}) {
  const deployChecks = useMemo(() => checksByMode(results.deploy), [results.deploy]);
  return (
    <Wizard
      measured={results.report?.modes}
      floatAccuracy={trained?.testAccuracy}
      running={quant.run.status === 'running'}
      canRun={!!trained && !training}
      onRun={actions.quantizeModes}
      deployChecks={deployChecks}
    />
  );
}

function RepairStep({
  session: { trained, training, quant, settledResults: results, actions, layers },
}: {
  session: LabSession;
}) {
  return (
    <RepairProposals
      trained={trained}
      outcomes={results.outcomes}
      analysis={layers.state.status === 'done' ? layers.state.result : undefined}
      canRun={!training && quant.run.status !== 'running'}
      onRun={actions.exportMixed}
    />
  );
}

function DebuggerStep({ session: { lab, trained, training, quant, actions, layers } }: { session: LabSession }) {
  return (
    <DebuggerPanel
      analysis={layers}
      trained={trained}
      recipeFor={(m: QuantMode) => recipeFor(lab.quant, m)}
      busy={training || quant.run.status === 'running'}
      onExportMixed={actions.exportMixed}
    />
  );
}

function GraphStep({ session: { lab, trained, training, quant, actions, layers } }: { session: LabSession }) {
  return (
    <GraphPanel
      trained={trained}
      layers={layers}
      recipeFor={(m: QuantMode) => recipeFor(lab.quant, m)}
      busy={training || quant.run.status === 'running'}
      onExportMixed={actions.exportMixed}
    />
  );
}

function DrawStep({ session }: { session: LabSession }) {
  return <DrawPanel models={session.settledResults.drawModels} />;
}

function ConfusionStep({ session }: { session: LabSession }) {
  return <ConfusionPanel outcomes={session.settledResults.compared} />;
}

function InspectorStep({ session }: { session: LabSession }) {
  return <InspectorPanel onEvaluated={session.results.addInspected} />;
}

function DeployStep({ session: { lab, setLab, settledResults: results } }: { session: LabSession }) {
  const onTargetChange = useCallback((id: string) => setLab('deployTarget', id), [setLab]);
  return (
    <DeployPanel
      files={results.files}
      outcomes={results.deploy}
      targetId={lab.deployTarget}
      onTargetChange={onTargetChange}
    />
  );
}

function RunsStep({ session }: { session: LabSession }) {
  return <RunsPanel runs={session.runs} />;
}

/** The page's sections, top to bottom. Adding a panel is one adapter above and one entry here. */
export const LAB_SECTIONS: readonly LabSection[] = [
  DatasetStep,
  TrainStep,
  CompressStep,
  QuantizeStep,
  ExploreStep,
  QatStep,
  WizardStep,
  RepairStep,
  DebuggerStep,
  GraphStep,
  DrawStep,
  ConfusionStep,
  InspectorStep,
  DeployStep,
  RunsStep,
];
