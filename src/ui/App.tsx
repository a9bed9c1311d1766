import { useCallback, useEffect, useMemo, useState } from 'react';
import { buildReport } from '../core/report/build-report';
import { isQuantMode } from '../core/modes/lab-modes';
import { QuantizePanel } from './quant/QuantizePanel';
import { useQuantization } from './quant/use-quantization';
import { Wizard } from './wizard/Wizard';
import { QatPanel } from './qat/QatPanel';
import { DebuggerPanel } from './debug/DebuggerPanel';
import { convertJob } from './debug/convert-job';
import { DrawPanel } from './draw/DrawPanel';
import { ConfusionPanel } from './confusion/ConfusionPanel';
import { InspectorPanel } from './inspector/InspectorPanel';
import type { ModeReport } from '../core/report/report';
import type { TrainProgress } from '../core/train/settings';
import { qatSettingsFor } from '../core/qat/qat-settings';
import { Comlink, labBridge } from './lab-client';
import type { BackendChoice as BackendInfo } from '../backends/select-backend';
import type { TrainedModel } from '../core/model/trained-model';
import type { DownloadProgress } from '../data/fetch-dataset';
import { BackendSelect } from './BackendSelect';
import { startLab } from './lab-client';
import { DEFAULT_LAB_STATE, recipeFor, stateFromQuery, stateToQuery, type LabState } from './state/lab-state';
import { clearModel, loadModel, saveModel } from './state/model-store';
import { TrainSection } from './train/TrainSection';
import { CompressPanel } from './compress/CompressPanel';

type DataStatus =
  | { kind: 'loading'; progress?: DownloadProgress }
  | { kind: 'ready'; train: number; test: number }
  | { kind: 'error'; message: string };

export function App() {
  const [lab, setLab] = useState<LabState>(() =>
    typeof location === 'undefined' ? DEFAULT_LAB_STATE : stateFromQuery(location.search),
  );
  const [backend, setBackend] = useState<BackendInfo>();
  const [data, setData] = useState<DataStatus>({ kind: 'loading' });
  const [trained, setTrained] = useState<TrainedModel>();
  const [storeError, setStoreError] = useState<string>();

  // Settings live in the URL so a link reproduces the lab.
  useEffect(() => {
    const q = stateToQuery(lab);
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  }, [lab]);

  useEffect(() => {
    // A newer start (backend change, or React's development double effect) supersedes this one.
    let current = true;
    // Progress reports travel on their own channel and can arrive after the outcome: once the data is
    // ready (or failed), a late report must not put the page back into "loading".
    let settled = false;
    setData({ kind: 'loading' });
    startLab(lab.backend, {
      onBackend: (info) => current && setBackend(info),
      onDataProgress: (progress) => current && !settled && setData({ kind: 'loading', progress }),
      onDataReady: (c) => {
        settled = true;
        if (current) setData({ kind: 'ready', ...c });
      },
    }).catch((e: Error) => {
      settled = true;
      if (current) setData({ kind: 'error', message: e.message });
    });
    return () => {
      current = false;
    };
  }, [lab.backend]);

  useEffect(() => {
    loadModel()
      .then((stored) => stored && setTrained(stored.model))
      .catch((e: Error) => setStoreError(`Could not read the saved model: ${e.message}`));
  }, []);

  const quant = useQuantization();
  const { clear: clearResults } = quant;
  const onTrained = useCallback(
    (model: TrainedModel) => {
      setTrained(model);
      setForgotten(false);
      clearResults();
      saveModel(model).catch((e: Error) => setStoreError(`Could not save the model for the next visit: ${e.message}`));
    },
    [clearResults],
  );
  const [training, setTraining] = useState(false);
  const onTrainSettings = useCallback((train: LabState['train']) => setLab((s) => ({ ...s, train })), []);

  const [forgotten, setForgotten] = useState(false);
  const reset = useCallback(() => {
    setTrained(undefined);
    clearResults();
    clearModel().then(
      () => setForgotten(true),
      (e: Error) => setStoreError(e.message),
    );
  }, [clearResults]);

  // Files dropped into the inspector join the comparison beside the lab's own.
  const [inspected, setInspected] = useState<Record<string, { entry: ModeReport; bytes: Uint8Array }>>({});
  const onInspected = useCallback(
    (entry: ModeReport, bytes: Uint8Array) => setInspected((s) => ({ ...s, [entry.mode]: { entry, bytes } })),
    [],
  );

  // The report and files are derived from the results cache, never stored twice.
  const outcomes = quant.run.outcomes;
  const report = useMemo(
    () =>
      trained &&
      buildReport(
        trained,
        { ...lab.train, quantization: lab.quant, qat: lab.qat },
        [...Object.values(outcomes).map((o) => o.entry), ...Object.values(inspected).map((i) => i.entry)],
        Math.min(lab.train.trainLimit, 60000),
      ),
    [trained, outcomes, inspected, lab.train, lab.quant, lab.qat],
  );
  const drawModels = useMemo(() => Object.entries(outcomes).map(([mode, o]) => ({ mode, bytes: o.bytes })), [outcomes]);
  const files = useMemo(
    () =>
      Object.fromEntries([
        ...Object.entries(outcomes).map(([m, o]) => [m, o.bytes]),
        ...Object.entries(inspected).map(([m, i]) => [m, i.bytes]),
      ]),
    [outcomes, inspected],
  );
  const [qatProgress, setQatProgress] = useState<TrainProgress>();
  const runQat = useCallback(() => {
    if (!trained) return Promise.resolve();
    const settings = qatSettingsFor(lab.qat, lab.train);
    return quant.runJobs(trained, [
      {
        mode: 'qat',
        job: (signal) => labBridge.run((api) => api.qat(trained, settings, Comlink.proxy(setQatProgress)), signal),
      },
    ]);
  }, [trained, quant, lab.qat, lab.train]);
  const quantizeModes = useCallback(
    async (modes: string[]) => {
      if (!trained) return;
      await quant.quantize(trained, modes.filter(isQuantMode), (m) => recipeFor(lab.quant, m));
      if (modes.includes('qat')) await runQat();
    },
    [trained, quant, lab.quant, runQat],
  );

  return (
    <main className="app">
      <header className="app-header">
        <div>
          <h1>Quantization Lab</h1>
          <p className="tagline">
            Train a small CNN on real MNIST in this tab, quantize it with every TensorFlow Lite mode, and download
            .tflite files the TFLite runtime runs. Nothing leaves your browser.
          </p>
        </div>
        <BackendSelect
          value={lab.backend}
          info={backend}
          onChange={(b) => setLab((s) => ({ ...s, backend: b }))}
          disabled={training}
        />
      </header>
      <DataBanner status={data} />
      {storeError && <p className="error">{storeError}</p>}
      {forgotten && !trained && (
        <p className="notice" data-testid="model-forgotten">
          The saved model was deleted from this browser.
        </p>
      )}
      <TrainSection
        settings={lab.train}
        onSettingsChange={onTrainSettings}
        ready={data.kind === 'ready'}
        trained={trained}
        onTrained={onTrained}
        onReset={reset}
        onBusyChange={setTraining}
      />
      <CompressPanel
        trained={trained}
        canRun={!training && quant.run.status !== 'running'}
        seed={lab.train.seed}
        batchSize={lab.train.batchSize}
        onCompressed={onTrained}
        onBusyChange={setTraining}
        measured={report?.modes}
      />
      <QuantizePanel
        settings={lab.quant}
        onSettingsChange={(q) => setLab((s) => ({ ...s, quant: q }))}
        run={quant.run}
        report={report}
        files={files}
        canRun={!!trained && !training}
        onRun={() => quantizeModes(lab.quant.modes)}
        onExportFloat={() => quantizeModes(['float32'])}
        onCancel={quant.cancel}
      />
      <QatPanel
        settings={lab.qat}
        onSettingsChange={(qat) => setLab((s) => ({ ...s, qat }))}
        canRun={!!trained && !training && quant.run.status !== 'running'}
        running={quant.run.status === 'running' && quant.run.step?.mode === 'qat'}
        progress={qatProgress}
        outcome={outcomes.qat}
        ptqInt8Accuracy={outcomes.int8?.entry.accuracy}
        floatAccuracy={trained?.testAccuracy}
        onRun={runQat}
        onCancel={async () => (await labBridge.api()).cancelTraining()}
      />
      <Wizard
        measured={report?.modes}
        floatAccuracy={trained?.testAccuracy}
        running={quant.run.status === 'running'}
        canRun={!!trained && !training}
        onRun={quantizeModes}
      />
      <DebuggerPanel
        trained={trained}
        recipeFor={(m) => recipeFor(lab.quant, m)}
        busy={training || quant.run.status === 'running'}
        onExportMixed={(mode, recipe) =>
          trained && quant.runJobs(trained, [{ mode, job: convertJob(trained, recipe) }])
        }
      />
      <DrawPanel models={drawModels} />
      <ConfusionPanel outcomes={outcomes} loadTestSet={quant.getTestSet} />
      <InspectorPanel getTestSet={quant.getTestSet} onEvaluated={onInspected} heading="8. Inspect any .tflite file" />
    </main>
  );
}

function DataBanner({ status }: { status: DataStatus }) {
  if (status.kind === 'ready') {
    return (
      <p className="muted" data-testid="data-ready">
        MNIST loaded from this site: {status.train.toLocaleString('en-US')} training and{' '}
        {status.test.toLocaleString('en-US')} test images.
      </p>
    );
  }
  if (status.kind === 'error') {
    return (
      <p className="error" role="alert" data-testid="data-error">
        {status.message}
      </p>
    );
  }
  const p = status.progress;
  return (
    <div className="progress-block" data-testid="data-loading">
      <progress max={p?.totalBytes ?? 1} value={p?.loadedBytes ?? 0} aria-label="MNIST download" />
      <span className="muted">
        Loading MNIST{p ? ` (${(p.loadedBytes / 1e6).toFixed(1)} of ${(p.totalBytes / 1e6).toFixed(1)} MB)` : ''}…
      </span>
    </div>
  );
}
