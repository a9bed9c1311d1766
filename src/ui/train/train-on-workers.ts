import type { TrainProgress, TrainSettings } from '../../core/train/settings';
import { Comlink, labBridge, replicaBridge } from '../lab-client';
import type { TrainResult } from './training-run';

/** How a training runs: on two workers (data-parallel), or on one and why. */
export type WorkerPlan =
  | { workers: 2 }
  | { workers: 1; reason: 'setting' | 'cores' | 'backend'; backend?: string }
  | { workers: 1; reason: 'start'; detail: string };

/**
 * Decides between one and two training workers: two when `wanted` is 2, the device has at least
 * two cores, the lab worker trains on a CPU-memory backend (WASM, CPU; on WebGPU one device does
 * the work either way) and the second worker starts on the same backend.
 */
export async function planWorkers(wanted: number): Promise<WorkerPlan> {
  if (wanted < 2) return { workers: 1, reason: 'setting' };
  if ((globalThis.navigator?.hardwareConcurrency ?? 1) < 2) return { workers: 1, reason: 'cores' };
  const backend = await (await labBridge.api()).backendName();
  if (backend !== 'wasm' && backend !== 'cpu') return { workers: 1, reason: 'backend', backend };
  // Two attempts: on a busy machine the second worker's dataset download was seen to fail once
  // ("network error"); a failed start terminates that worker, so the retry starts a fresh one.
  let failure = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const other = await (await replicaBridge.api()).backendName();
      if (other !== backend) return { workers: 1, reason: 'start', detail: `it runs ${other}, not ${backend}` };
      return { workers: 2 };
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    }
  }
  return { workers: 1, reason: 'start', detail: failure };
}

type LabApi = Awaited<ReturnType<typeof labBridge.api>>;

/**
 * Runs `lead` in the lab worker, and with two workers `follow` in the second one, each given one
 * end of a MessageChannel: the lab worker is rank 0 (progress, evaluation, cancel, the result), the
 * second rank 1; gradients cross between them directly, as transferables, never through the page.
 * When either side fails or stops (also by abort, which terminates the lab worker), the other is told.
 */
export async function runReplicated<R>(
  plan: WorkerPlan,
  lead: (port?: MessagePort) => Promise<R>,
  follow: (api: LabApi, port: MessagePort) => Promise<void>,
): Promise<R> {
  if (plan.workers === 1) return lead();
  const { port1, port2 } = new MessageChannel();
  replicaBridge
    .run((api) => follow(api, Comlink.transfer(port2, [port2])))
    .catch(async (e: unknown) => {
      const detail = e instanceof Error ? e.message : String(e);
      await (await labBridge.api()).replicaFailed(`the second training worker failed: ${detail}`);
    })
    .catch(() => undefined);
  try {
    return await lead(Comlink.transfer(port1, [port1]));
  } finally {
    replicaBridge
      .api()
      .then((api) => api.replicaFailed('the first training worker stopped'))
      .catch(() => undefined);
  }
}

/** Trains as `plan` says (see {@link runReplicated}). */
export function trainOnWorkers(
  settings: TrainSettings,
  onProgress: (p: TrainProgress) => void,
  plan: WorkerPlan,
): Promise<TrainResult> {
  return runReplicated(
    plan,
    (port) => labBridge.run((api) => api.train(settings, Comlink.proxy(onProgress), undefined, port)),
    (api, port) => api.trainReplica(settings, port),
  );
}
