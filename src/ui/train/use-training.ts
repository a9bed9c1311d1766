import { useCallback, useRef, useState } from 'react';
import type { TrainedModel } from '../../core/model/trained-model';
import type { TrainProgress, TrainSettings } from '../../core/train/settings';
import { Comlink, labBridge } from '../lab-client';

export interface CurvePoint {
  /** Fractional epoch (epoch + batch / batchesPerEpoch). */
  x: number;
  loss: number;
  accuracy: number;
  testAccuracy?: number;
}

export interface TrainingRun {
  status: 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  progress?: TrainProgress;
  batchCurve: CurvePoint[];
  epochCurve: CurvePoint[];
  error?: string;
}

const IDLE: TrainingRun = { status: 'idle', batchCurve: [], epochCurve: [] };
/** Keep charts light: at most this many batch points (older ones are thinned). */
const MAX_BATCH_POINTS = 400;

function thin(points: CurvePoint[]): CurvePoint[] {
  return points.length <= MAX_BATCH_POINTS ? points : points.filter((_, i) => i % 2 === 0);
}

/** Runs training in the lab worker and exposes its live state. */
export function useTraining(onTrained: (m: TrainedModel, cancelled: boolean) => void) {
  const [run, setRun] = useState<TrainingRun>(IDLE);
  const running = useRef(false);

  const start = useCallback(
    async (settings: TrainSettings) => {
      if (running.current) return;
      running.current = true;
      setRun({ status: 'running', batchCurve: [], epochCurve: [] });
      const onProgress = (p: TrainProgress) => {
        setRun((r) => {
          const point: CurvePoint = {
            x: p.epoch + (p.batch + 1) / p.batchesPerEpoch,
            loss: p.loss,
            accuracy: p.accuracy,
            testAccuracy: p.testAccuracy,
          };
          return p.phase === 'batch'
            ? { ...r, progress: p, batchCurve: thin([...r.batchCurve, point]) }
            : { ...r, progress: p, epochCurve: [...r.epochCurve, { ...point, x: p.epoch + 1 }] };
        });
      };
      try {
        const { model, cancelled } = await labBridge.run((api) => api.train(settings, Comlink.proxy(onProgress)));
        setRun((r) => ({ ...r, status: cancelled ? 'cancelled' : 'done' }));
        onTrained(model, cancelled);
      } catch (e) {
        setRun((r) => ({ ...r, status: 'failed', error: (e as Error).message }));
      } finally {
        running.current = false;
      }
    },
    [onTrained],
  );

  const cancel = useCallback(async () => {
    if (!running.current) return;
    setRun((r) => ({ ...r, status: 'cancelling' }));
    // Bypasses the bridge queue on purpose: the queue is busy with the training call itself.
    await (await labBridge.api()).cancelTraining();
  }, []);

  return { run, start, cancel };
}
