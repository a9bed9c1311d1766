import type { RuntimeOutputs, UnlabelledImages } from '../../core/pipeline/unlabelled-modes';
import { mergeOutputs } from '../../runtime/merge-evaluations';
import { Comlink, runtimeBridge, runtimeHelperBridge } from '../lab-client';

/** Fewer images than this run in one runtime worker (a second one would not pay off). */
const SPLIT_MIN_IMAGES = 4;

/** Starts LiteRT.js in both runtime workers now, so the first file does not wait for it. */
export function warmRuntimeWorkers(signal: AbortSignal): void {
  for (const bridge of [runtimeBridge, runtimeHelperBridge]) bridge.run(async () => undefined, signal).catch(() => {});
}

/**
 * The runtime outputs of `bytes` on the first `count` of `images`, run in LiteRT.js in the two runtime
 * workers at once (the first half of the images in one, the second half in the other: the machine's two
 * cores), merged in order. Each worker runs one file at a time, in the order the calls came, so an unlabelled
 * run can hand over every file at once (runUnlabelledModes' parallelRuns). `signal` stops both workers.
 */
export async function outputsInRuntime(
  bytes: Uint8Array,
  images: UnlabelledImages,
  count: number,
  signal: AbortSignal,
): Promise<RuntimeOutputs> {
  const per = images.values.length / images.count;
  const half = count >= SPLIT_MIN_IMAGES ? Math.ceil(count / 2) : count;
  const ranges = half < count ? [[0, half] as const, [half, count] as const] : [[0, count] as const];
  const bridges = [runtimeBridge, runtimeHelperBridge];
  const parts = await Promise.all(
    ranges.map(([from, to], k) =>
      bridges[k]!.run((api) => {
        // Copied when the worker's turn comes (files queue up): a copy of the range, since a view would clone
        // the whole buffer, transferred to the worker.
        const inputs = images.values.slice(from * per, to * per);
        return api.runOutputs(bytes, Comlink.transfer(inputs, [inputs.buffer]), to - from);
      }, signal),
    ),
  );
  return mergeOutputs(parts);
}
