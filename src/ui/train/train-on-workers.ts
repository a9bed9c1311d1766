import type { TrainProgress, TrainSettings } from '../../core/train/settings';
import { Comlink, labBridge, replicaBridge } from '../lab-client';
import type { TrainResult } from './training-run';

/** How a training runs: on two workers (data-parallel), or on one and why. */
export type WorkerPlan =
  | { workers: 2 }
  | { workers: 1; reason: 'setting' | 'cores' | 'backend'; backend?: string }
  | { workers: 1; reason: 'start'; detail: string };

/**
 * Decides between one and two training workers: two when the settings ask for them, the device has
 * at least two cores, the lab worker trains on a CPU-memory backend (WASM, CPU; on WebGPU one device
 * does the work either way) and the second worker starts on the same backend.
 */
export async function planWorkers(settings: TrainSettings): Promise<WorkerPlan> {
  if (settings.workers < 2) return { workers: 1, reason: 'setting' };
  if ((globalThis.navigator?.hardwareConcurrency ?? 1) < 2) return { workers: 1, reason: 'cores' };
  const backend = await (await labBridge.api()).backendName();
  if (backend !== 'wasm' && backend !== 'cpu') return { workers: 1, reason: 'backend', backend };
  try {
    const other = await (await replicaBridge.api()).backendName();
    if (other !== backend) return { workers: 1, reason: 'start', detail: `it runs ${other}, not ${backend}` };
  } catch (e) {
    return { workers: 1, reason: 'start', detail: e instanceof Error ? e.message : String(e) };
  }
  return { workers: 2 };
}

/**
 * Trains as `plan` says. With two workers, each gets one end of a MessageChannel: the lab worker
 * is rank 0 (progress, evaluation, cancel, the result), the second worker rank 1; gradients cross
 * between them directly, as transferables, never through the page.
 */
export function trainOnWorkers(
  settings: TrainSettings,
  onProgress: (p: TrainProgress) => void,
  plan: WorkerPlan,
): Promise<TrainResult> {
  if (plan.workers === 1) return labBridge.run((api) => api.train(settings, Comlink.proxy(onProgress)));
  const { port1, port2 } = new MessageChannel();
  replicaBridge
    .run((api) => api.trainReplica(settings, Comlink.transfer(port2, [port2])))
    .catch(async (e: unknown) => {
      const detail = e instanceof Error ? e.message : String(e);
      await (await labBridge.api()).replicaFailed(`the second training worker failed: ${detail}`);
    })
    .catch(() => undefined);
  return labBridge.run((api) =>
    api.train(settings, Comlink.proxy(onProgress), undefined, Comlink.transfer(port1, [port1])),
  );
}
