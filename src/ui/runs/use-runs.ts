import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import { errorMessage } from '../common/worker-job';
import { resultsZip } from '../results/artifact-files';
import { downloadBytes } from '../results/download';
import type { LabResults } from '../results/use-lab-results';
import type { LabReport } from '../../core/report/report';
import type { LabState } from '../state/lab-state';
import {
  buildAgreementRunRecord,
  buildRunRecord,
  latestRunOf,
  newRunId,
  outcomesOf,
  runBytes,
  type RunRecord,
} from './run-record';
import { deleteRun, keepRun, listRuns, renameRun, storageEstimate } from './run-store';
import { importedRunRecord, readRunZip, type RunZipProblem } from './run-zip';

/** What went wrong, for the panel to say in the page's language. */
export type RunsProblem = { kind: RunZipProblem; file?: string } | { kind: 'store'; detail: string };

export interface RunsStorage {
  /** Bytes the stored runs hold (run-record.ts runBytes). */
  runsBytes: number;
  /** navigator.storage.estimate(): the origin's usage and quota, when the browser says. */
  usage?: number;
  quota?: number;
}

/** The kept runs and what the runs panel does with them; every function is stable. */
export interface Runs {
  /** Newest first. */
  runs: RunRecord[];
  storage: RunsStorage;
  problem?: RunsProblem;
  /** Record a run once the results it produced have rendered. */
  markFinished: (kind: 'training' | 'quantization') => void;
  /** Keep a quantization of a model scored without labels (agreement with its float model): its report and files. */
  keepAgreementRun: (model: TrainedModel, report: LabReport, files: Record<string, Uint8Array>) => void;
  rename: (id: string, name: string) => void;
  remove: (id: string) => void;
  exportRun: (record: RunRecord) => void;
  importZip: (file: File) => Promise<void>;
}

/**
 * Keeps a run in IndexedDB after each training and each quantization, restores the saved model's newest
 * results into the results cache on load, and lists, renames, deletes, exports and imports runs.
 */
export function useRuns(trained: TrainedModel | undefined, lab: LabState, results: LabResults): Runs {
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [estimate, setEstimate] = useState<{ usage?: number; quota?: number }>({});
  const [problem, setProblem] = useState<RunsProblem>();
  const [pending, setPending] = useState<'training' | 'quantization'>();
  const restoredFor = useRef<TrainedModel>(undefined);

  const fail = useCallback((e: unknown) => setProblem({ kind: 'store', detail: errorMessage(e) }), []);
  const refresh = useCallback(
    () =>
      listRuns()
        .then((r) => {
          setRuns(r);
          setLoaded(true);
          return storageEstimate();
        })
        .then(setEstimate)
        .catch(fail),
    [fail],
  );
  useEffect(() => void refresh(), [refresh]);

  // Record after the render that shows the finished run, so the results cache holds all it produced.
  const { outcomes, report, restore } = results;
  useEffect(() => {
    if (!pending) return;
    setPending(undefined);
    if (!trained || !report) return;
    if (pending === 'quantization' && Object.keys(outcomes).length === 0) return;
    const now = Date.now();
    const record = buildRunRecord({
      id: newRunId(now),
      createdAt: now,
      kind: pending,
      settings: lab,
      report,
      model: trained,
      outcomes: pending === 'training' ? {} : outcomes,
    });
    keepRun(record).then(refresh, fail);
  }, [pending, trained, report, outcomes, lab, refresh, fail]);

  // A reload: the saved model's newest quantization run becomes the current results again.
  useEffect(() => {
    if (!loaded || !trained || restoredFor.current === trained) return;
    restoredFor.current = trained;
    if (Object.keys(outcomes).length > 0) return;
    const latest = latestRunOf(runs, trained);
    const restored = latest && outcomesOf(latest);
    if (restored) restore(trained, restored);
  }, [loaded, trained, runs, outcomes, restore]);

  const markFinished = useCallback((kind: 'training' | 'quantization') => setPending(kind), []);
  const keepAgreementRun = useCallback(
    (model: TrainedModel, report: LabReport, files: Record<string, Uint8Array>) => {
      const now = Date.now();
      const record = buildAgreementRunRecord({
        id: newRunId(now),
        createdAt: now,
        settings: lab,
        report,
        model,
        files,
      });
      keepRun(record).then(refresh, fail);
    },
    [lab, refresh, fail],
  );
  const rename = useCallback(
    (id: string, name: string) => void renameRun(id, name).then(refresh, fail),
    [refresh, fail],
  );
  const remove = useCallback((id: string) => void deleteRun(id).then(refresh, fail), [refresh, fail]);
  const exportRun = useCallback((record: RunRecord) => {
    const zip = resultsZip(record.report, record.files);
    downloadBytes(zip.bytes, zip.fileName, 'application/zip');
  }, []);
  const importZip = useCallback(
    async (file: File) => {
      setProblem(undefined);
      const reading = readRunZip(new Uint8Array(await file.arrayBuffer()));
      if (!reading.ok) {
        setProblem({ kind: reading.problem, file: reading.file });
        return;
      }
      const now = Date.now();
      await keepRun(importedRunRecord(reading, newRunId(now), now, file.name.replace(/\.zip$/i, ''))).then(
        refresh,
        fail,
      );
    },
    [refresh, fail],
  );

  const runsBytes = useMemo(() => runs.reduce((n, r) => n + runBytes(r), 0), [runs]);
  const storage = useMemo(() => ({ runsBytes, ...estimate }), [runsBytes, estimate]);
  return useMemo(
    () => ({ runs, storage, problem, markFinished, keepAgreementRun, rename, remove, exportRun, importZip }),
    [runs, storage, problem, markFinished, keepAgreementRun, rename, remove, exportRun, importZip],
  );
}
