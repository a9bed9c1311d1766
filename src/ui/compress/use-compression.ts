import { useCallback, useRef, useState } from 'react';
import type { CompressPlan, CompressResult } from '../../core/compress/compress-model';
import type { CompressProgress } from '../../core/compress/compress-progress';
import type { TrainedModel } from '../../core/model/trained-model';
import { coreFailure, type CoreFailure } from '../i18n/core-text';
import { Comlink, labBridge } from '../lab-client';

/** One point of the live chart: optimizer step, the sparsity now applied, and the latest batch accuracy. */
export interface CompressPoint {
  step: number;
  stage: CompressProgress['stage'];
  /** Fraction of zeros in the pruned kernels (the last pruning value during clustering). */
  sparsity: number;
  accuracy: number;
  testAccuracy?: number;
}

export interface CompressionRun {
  status: 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  points: CompressPoint[];
  result?: CompressResult;
  /** Why it failed: the core's problem when it has one (CoreSentence writes it in the shown language). */
  failure?: CoreFailure;
}

const IDLE: CompressionRun = { status: 'idle', points: [] };
/** Keep the chart light: at most this many points (older ones are thinned). */
const MAX_POINTS = 400;

function pointOf(p: CompressProgress, previous: CompressPoint | undefined, offset: number): CompressPoint {
  const step = p.epoch * p.batchesPerEpoch + p.batch + (p.stage === 'cluster' ? offset : 0);
  const sparsity = p.stage === 'prune' ? p.sparsity : (previous?.sparsity ?? 0);
  return { step, stage: p.stage, sparsity, accuracy: p.accuracy, testAccuracy: p.testAccuracy };
}

/** Runs pruning and clustering in the lab worker; the compressed model goes to `onCompressed`. */
export function useCompression(onCompressed: (m: TrainedModel) => void) {
  const [run, setRun] = useState<CompressionRun>(IDLE);
  const running = useRef(false);

  const start = useCallback(
    async (trained: TrainedModel, plan: CompressPlan) => {
      if (running.current) return;
      running.current = true;
      setRun({ status: 'running', points: [] });
      let pruneSteps = 0;
      const onProgress = (p: CompressProgress) => {
        if (p.stage === 'prune') pruneSteps = p.totalSteps;
        setRun((r) => {
          const point = pointOf(p, r.points.at(-1), pruneSteps);
          const points = [...r.points, point];
          return { ...r, points: points.length > MAX_POINTS ? points.filter((_, i) => i % 2 === 0) : points };
        });
      };
      try {
        const result = await labBridge.run((api) => api.compress(trained, plan, Comlink.proxy(onProgress)));
        setRun((r) => ({ ...r, status: result.cancelled ? 'cancelled' : 'done', result }));
        onCompressed(result.model);
      } catch (e) {
        setRun((r) => ({ ...r, status: 'failed', failure: coreFailure(e) }));
      } finally {
        running.current = false;
      }
    },
    [onCompressed],
  );

  const cancel = useCallback(async () => {
    if (!running.current) return;
    setRun((r) => ({ ...r, status: 'cancelling' }));
    // Bypasses the bridge queue on purpose: the queue is busy with the compression call itself.
    await (await labBridge.api()).cancelTraining();
  }, []);

  return { run, start, cancel };
}
