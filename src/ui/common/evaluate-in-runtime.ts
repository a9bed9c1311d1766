import type { InputRange } from '../../core/tflite/model-kind';
import type { RuntimeWorkerApi } from '../../../workers/runtime.worker';
import { Comlink, runtimeBridge } from '../lab-client';
import { getTestSet } from './test-set';
import type { CallContext } from './worker-job';

/** What the runtime worker returns for one file scored on the test set. */
export type RuntimeEvaluation = Awaited<ReturnType<RuntimeWorkerApi['evaluate']>>;

/**
 * Scores `bytes` on the 10,000 MNIST test images in the runtime worker (LiteRT.js), as one gated
 * call of the job `ctx`: `onFraction` gets the share of images done (0..1) until the result is in.
 * @param latencySamples timed single-image runs for the latency statistics
 * @param inputRange pixel range to feed (default: what the file's input implies)
 */
export async function evaluateInRuntime(
  bytes: Uint8Array,
  ctx: CallContext,
  latencySamples: number,
  onFraction: (fraction: number) => void,
  inputRange?: InputRange,
): Promise<RuntimeEvaluation> {
  const test = await getTestSet();
  return ctx.gate<number, RuntimeEvaluation>(
    (report) =>
      runtimeBridge.run(
        (api) =>
          api.evaluate(
            bytes,
            test.images,
            test.labels,
            { latencySamples, inputRange },
            Comlink.proxy((done: number, total: number) => report(total > 0 ? done / total : 0)),
          ),
        ctx.signal,
      ),
    onFraction,
  );
}
