import type { InputRange } from '../../core/tflite/model-kind';
import type { RuntimeWorkerApi } from '../../../workers/runtime.worker';
import { mergeEvaluations } from '../../runtime/merge-evaluations';
import { Comlink, runtimeBridge, runtimeHelperBridge } from '../lab-client';
import { getTestSet } from './test-set';
import type { CallContext } from './worker-job';

/** What the runtime worker returns for one file scored on the test set. */
export type RuntimeEvaluation = Awaited<ReturnType<RuntimeWorkerApi['evaluate']>>;

/** Below this many images one worker scores them all (a second worker's start-up would not pay off). */
const SPLIT_MIN_IMAGES = 2000;

/**
 * Scores `bytes` on the 10,000 MNIST test images in the runtime worker (LiteRT.js), as one gated
 * call of the job `ctx`: `onFraction` gets the share of images done (0..1) until the result is in.
 * With `split`, the second half of the images goes to a second runtime worker at the same time and the
 * two halves are merged (the same predictions and accuracy; latency is timed on the first half's images,
 * the ones a single call times).
 * @param latencySamples timed single-image runs for the latency statistics
 * @param inputRange pixel range to feed (default: what the file's input implies)
 */
export async function evaluateInRuntime(
  bytes: Uint8Array,
  ctx: CallContext,
  latencySamples: number,
  onFraction: (fraction: number) => void,
  inputRange?: InputRange,
  { split = false }: { split?: boolean } = {},
): Promise<RuntimeEvaluation> {
  const test = await getTestSet();
  const count = test.labels.length;
  const half = split && count >= SPLIT_MIN_IMAGES ? Math.ceil(count / 2) : count;
  const ranges: [number, number][] =
    half < count
      ? [
          [0, half],
          [half, count],
        ]
      : [[0, count]];
  const bridges = [runtimeBridge, runtimeHelperBridge];
  return ctx.gate<number, RuntimeEvaluation>(async (report) => {
    const done = ranges.map(() => 0);
    const parts = await Promise.all(
      ranges.map(([start, end], k) => {
        // Copies of the part (a view would clone the whole buffer); the worker owns them.
        const images = ranges.length === 1 ? test.images : test.images.slice(start * 784, end * 784);
        const labels = ranges.length === 1 ? test.labels : test.labels.slice(start, end);
        return bridges[k].run(
          (api) =>
            api.evaluate(
              bytes,
              images,
              labels,
              { latencySamples: k === 0 ? latencySamples : 0, inputRange },
              Comlink.proxy((d: number) => {
                done[k] = d;
                report(done.reduce((a, b) => a + b, 0) / count);
              }),
            ),
          ctx.signal,
        );
      }),
    );
    return parts.length === 1 ? parts[0] : mergeEvaluations(parts);
  }, onFraction);
}
