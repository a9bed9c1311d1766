import { useCallback, type ComponentType } from 'react';
import type { QuantMode } from '../../core/modes/lab-modes';
import { CompressPanel } from '../compress/CompressPanel';
import { ConfusionPanel } from '../confusion/ConfusionPanel';
import { DebuggerPanel } from '../debug/DebuggerPanel';
import { DeployPanel } from '../deploy/DeployPanel';
import { DrawPanel } from '../draw/DrawPanel';
import { ImportModel } from '../import/ImportModel';
import { InspectorPanel } from '../inspector/InspectorPanel';
import { QatPanel } from '../qat/QatPanel';
import { QuantizePanel } from '../quant/QuantizePanel';
import { RunsPanel } from '../runs/RunsPanel';
import { recipeFor, type LabState } from '../state/lab-state';
import { TrainSection } from '../train/TrainSection';
import { Wizard } from '../wizard/Wizard';
import type { LabSession } from './lab-session';

/** A section of the page: it takes what it needs from the session. */
export type LabSection = ComponentType<{ session: LabSession }>;

function TrainStep({
  session: { lab, setLab, dataReady, trained, training, actions, setTraining },
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
      <ImportModel ready={dataReady} busy={training} trained={trained} onImported={actions.onTrained} />
    </>
  );
}

function CompressStep({
  session: { lab, setLab, trained, training, quant, results, actions, setTraining },
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

function QatStep({
  session: { lab, setLab, trained, training, quant, qat, results, actions },
}: {
  session: LabSession;
}) {
  const running = quant.run.status === 'running';
  return (
    <QatPanel
      settings={lab.qat}
      onSettingsChange={(s) => setLab('qat', s)}
      canRun={!!trained && !training && !running}
      running={running && quant.run.step?.mode === 'qat'}
      progress={qat.progress}
      outcome={results.outcomes.qat}
      ptqInt8Accuracy={results.outcomes.int8?.entry.accuracy}
      floatAccuracy={trained?.testAccuracy}
      onRun={actions.runQat}
      onCancel={qat.cancel}
    />
  );
}

function WizardStep({ session: { lab, trained, training, quant, results, actions } }: { session: LabSession }) {
  return (
    <Wizard
      measured={results.report?.modes}
      floatAccuracy={trained?.testAccuracy}
      running={quant.run.status === 'running'}
      canRun={!!trained && !training}
      onRun={actions.quantizeModes}
      files={results.files}
      deployTarget={lab.deployTarget}
    />
  );
}

function DebuggerStep({ session: { lab, trained, training, quant, actions } }: { session: LabSession }) {
  return (
    <DebuggerPanel
      trained={trained}
      recipeFor={(m: QuantMode) => recipeFor(lab.quant, m)}
      busy={training || quant.run.status === 'running'}
      onExportMixed={actions.exportMixed}
    />
  );
}

function DrawStep({ session }: { session: LabSession }) {
  return <DrawPanel models={session.results.drawModels} />;
}

function ConfusionStep({ session }: { session: LabSession }) {
  return <ConfusionPanel outcomes={session.results.compared} />;
}

function InspectorStep({ session }: { session: LabSession }) {
  return <InspectorPanel onEvaluated={session.results.addInspected} />;
}

function DeployStep({ session: { lab, setLab, results } }: { session: LabSession }) {
  const onTargetChange = useCallback((id: string) => setLab('deployTarget', id), [setLab]);
  return <DeployPanel files={results.files} targetId={lab.deployTarget} onTargetChange={onTargetChange} />;
}

function RunsStep({ session }: { session: LabSession }) {
  return <RunsPanel runs={session.runs} />;
}

/** The page's sections, top to bottom. Adding a panel is one adapter above and one entry here. */
export const LAB_SECTIONS: readonly LabSection[] = [
  TrainStep,
  CompressStep,
  QuantizeStep,
  QatStep,
  WizardStep,
  DebuggerStep,
  DrawStep,
  ConfusionStep,
  InspectorStep,
  DeployStep,
  RunsStep,
];
