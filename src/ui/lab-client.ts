import * as Comlink from 'comlink';
import type { LabWorkerApi } from '../../workers/lab.worker';
import type { RuntimeWorkerApi } from '../../workers/runtime.worker';
import type { BackendChoice as BackendInfo } from '../backends/select-backend';
import { WorkerBridge } from '../bridge/worker-bridge';
import type { DatasetId } from '../core/mnist/datasets';
import type { DownloadProgress } from '../data/fetch-dataset';
import type { BackendPreference } from './state/lab-state';

/** The app's base URL (data and WASM are served under it), so the lab also works from a sub-path. */
export const APP_BASE = new URL(import.meta.env.BASE_URL, self.location.href).href;

export interface BootListener {
  onBackend(info: BackendInfo): void;
  onDataProgress(p: DownloadProgress): void;
}

/** How many MNIST images the lab worker holds. */
export interface DataCounts {
  train: number;
  test: number;
}

/** What a (re)started lab worker is told (which backend, whom to report to), and what it loaded. */
const boot: { preference: BackendPreference; dataset: DatasetId; listener?: BootListener; counts?: DataCounts } = {
  preference: 'auto',
  dataset: 'mnist',
};

/** One bridge per worker kind; the UI talks to workers only through these. */
export const labBridge = new WorkerBridge<LabWorkerApi>(
  'training',
  () => new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' }),
  async (api) => {
    // Each start reports to the listener that was current when it began.
    const { preference, listener, dataset } = boot;
    const info = await api.init(preference, APP_BASE);
    listener?.onBackend(info);
    const counts = await api.loadData(
      APP_BASE,
      Comlink.proxy((p: DownloadProgress) => listener?.onDataProgress(p)),
      dataset,
    );
    boot.counts = counts;
  },
);

/**
 * A second lab worker, started on the first two-worker training: the other replica of data-parallel
 * training (src/ui/train/train-on-workers.ts). Same backend preference and dataset as the first.
 */
export const replicaBridge = new WorkerBridge<LabWorkerApi>(
  'second training',
  () => new Worker(new URL('../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab-replica' }),
  async (api) => {
    await api.init(boot.preference, APP_BASE);
    await api.loadData(APP_BASE, undefined, boot.dataset);
  },
);

/** How many images the lab worker holds (after start-up), e.g. to plan a data-parallel run. */
export function labCounts(): DataCounts | undefined {
  return boot.counts;
}

/** The dataset the lab worker holds (or is loading): the test set and every stage use it. */
export function labDataset(): DatasetId {
  return boot.dataset;
}

/**
 * Starts (or restarts, after a backend change) the lab worker; resolves once `dataset` is loaded in it.
 * A running worker switches datasets with loadLabDataset instead (no restart).
 */
export async function startLab(
  preference: BackendPreference,
  listener: BootListener,
  dataset: DatasetId = 'mnist',
): Promise<DataCounts> {
  boot.preference = preference;
  boot.dataset = dataset;
  boot.listener = listener;
  boot.counts = undefined;
  labBridge.terminate();
  replicaBridge.terminate();
  await labBridge.api();
  if (!boot.counts) throw new Error('the lab worker started without loading MNIST');
  return boot.counts;
}

/** Switches the running lab worker to `dataset` (downloaded on first use, from this site). */
export async function loadLabDataset(
  dataset: DatasetId,
  onProgress: (p: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<DataCounts> {
  boot.dataset = dataset;
  const counts = await labBridge.run((api) => api.loadData(APP_BASE, Comlink.proxy(onProgress), dataset), signal);
  boot.counts = counts;
  return counts;
}

/** A bridge to one runtime worker (LiteRT.js started from this site's copy of its WASM). */
function runtimeWorkerBridge(name: string): WorkerBridge<RuntimeWorkerApi> {
  return new WorkerBridge<RuntimeWorkerApi>(
    'TFLite runtime',
    () => new Worker(new URL('../../workers/runtime.worker.ts', import.meta.url), { type: 'module', name }),
    async (api) => {
      await api.init(new URL('wasm/litert/', APP_BASE).href);
    },
  );
}

/** The TFLite runtime (LiteRT.js) lives in its own worker, so a runtime crash never takes training with it. */
export const runtimeBridge = runtimeWorkerBridge('runtime');

/**
 * A second runtime worker, for scoring a file's test images in two halves at once (the machine's second
 * core); started on first use, by the quantize run only.
 */
export const runtimeHelperBridge = runtimeWorkerBridge('runtime-2');

export { Comlink };
