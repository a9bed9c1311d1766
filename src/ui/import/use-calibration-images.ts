import { useCallback, useMemo, useState } from 'react';
import { changeInputRange, type ModelInputRange } from '../../core/import/calibration-pixels';
import type { UnlabelledImages } from '../../core/pipeline/unlabelled-modes';
import { useWorkerJob } from '../common/use-worker-job';
import type { CoreFailure } from '../i18n/core-text';
import { decodeCalibrationImages } from './decode-images';

/** The images kept for one input shape, and what the last drop said. */
interface Kept {
  shapeKey: string;
  range: ModelInputRange;
  images: UnlabelledImages;
}

/** What the last choice of files left to say (beyond the kept count). */
export type CalibrationNotice =
  | { kind: 'added'; refused: string[]; dropped: number }
  | { kind: 'none'; files: number }
  | { kind: 'cancelled' }
  /** The images could not be made into the model's input (e.g. a 4-channel input is not an image). */
  | { kind: 'failed'; failure: CoreFailure };

/**
 * The calibration images of a model whose input is `shape` (H, W, C): decoded in the page, resized and
 * scaled to `range`. A new choice replaces the set only when it has at least one image; a cancel or a
 * choice with no images keeps the set there was. Changing the range rescales the kept images.
 */
export function useCalibrationImages(shape: readonly number[] | undefined) {
  const job = useWorkerJob<{ done: number; total: number }, void>();
  const { run } = job;
  const [kept, setKept] = useState<Kept>();
  const [notice, setNotice] = useState<CalibrationNotice>();
  const [range, setRangeState] = useState<ModelInputRange>('0-1');
  const shapeKey = shape?.join(',') ?? '';
  const current = kept?.shapeKey === shapeKey ? kept : undefined;

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      if (!shape || files.length === 0) return;
      const outcome = await run(async (ctx) => {
        const decoded = await decodeCalibrationImages(files, shape, range, ctx.signal, (done, total) =>
          ctx.progress({ done, total }),
        );
        if (decoded.images.count === 0) return setNotice({ kind: 'none', files: files.length });
        setKept({ shapeKey, range, images: decoded.images });
        setNotice({ kind: 'added', refused: decoded.refused, dropped: decoded.dropped });
      });
      if (outcome.status === 'cancelled') setNotice({ kind: 'cancelled' });
      if (outcome.status === 'failed') setNotice({ kind: 'failed', failure: outcome });
    },
    [run, shape, shapeKey, range],
  );

  const setRange = useCallback((next: ModelInputRange) => {
    setRangeState(next);
    setKept((k) =>
      k && k.range !== next
        ? { ...k, range: next, images: { ...k.images, values: changeInputRange(k.images.values, k.range, next) } }
        : k,
    );
  }, []);

  return useMemo(
    () => ({
      images: current?.images,
      range,
      setRange,
      notice,
      addFiles,
      decoding: job.state.status === 'running' ? (job.state.progress ?? { done: 0, total: 0 }) : undefined,
      cancel: job.cancel,
    }),
    [current, range, setRange, notice, addFiles, job.state, job.cancel],
  );
}
