import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INPUT_RANGE_IDS, MAX_CALIBRATION_IMAGES, type ModelInputRange } from '../../core/import/calibration-pixels';
import { CoreSentence } from '../i18n/CoreSentence';
import { formatList } from '../i18n/locale';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';
import type { useCalibrationImages } from './use-calibration-images';

interface Props {
  shape: readonly number[];
  calibration: ReturnType<typeof useCalibrationImages>;
  disabled: boolean;
  /** The model was read back after a reload: its calibration images were not kept, so they are asked for again. */
  restored: boolean;
}

/** "H×W×C" for the page (the shape of one image). */
export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

/**
 * The calibration-image drop for a model whose input is not MNIST: several PNG/JPEG files chosen or
 * dropped, decoded with progress (cancellable), the input range to scale them to, and what was kept.
 */
export function CalibrationImages({ shape, calibration: c, disabled, restored }: Props) {
  const { t } = useTranslation();
  const m = useMessages();
  const [dragging, setDragging] = useState(false);
  const busy = disabled || c.decoding !== undefined;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) void c.addFiles([...e.dataTransfer.files]);
  };
  const size = `${shape[0]}×${shape[1]}`;
  return (
    <div
      className={`calibration-drop${dragging ? ' inspector-dragging' : ''}`}
      data-testid="calibration-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p className="hint">
        <Rich
          k="calibration.needsImages"
          values={{
            shape: shapeText(shape),
            size,
            channels: shape[2] === 1 ? t('calibration.channels.gray') : t('calibration.channels.rgb'),
          }}
        />
      </p>
      {restored && !c.images && (
        <p className="notice" data-testid="calibration-again">
          {t('calibration.dropAgain')}
        </p>
      )}
      <label className="inspector-drop">
        <span>{t('calibration.label')}</span>
        <input
          type="file"
          multiple
          accept="image/png,image/jpeg"
          data-testid="calibration-images"
          disabled={busy}
          onChange={(e) => {
            void c.addFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <span className="muted">{t('calibration.drop')}</span>
      </label>
      <label className="inspector-drop">
        <span>{t('calibration.range')}</span>
        <select
          data-testid="calibration-range"
          value={c.range}
          disabled={busy}
          onChange={(e) => c.setRange(e.target.value as ModelInputRange)}
        >
          {INPUT_RANGE_IDS.map((id) => (
            <option key={id} value={id}>
              {m.calibration.ranges[id]}
            </option>
          ))}
        </select>
      </label>
      {c.decoding && (
        <div className="progress-block" data-testid="calibration-progress">
          <progress max={Math.max(1, c.decoding.total)} value={c.decoding.done} />
          <span className="muted">{t('calibration.decoding', c.decoding)}</span>
          <button type="button" className="secondary" data-testid="calibration-cancel" onClick={c.cancel}>
            {t('calibration.cancel')}
          </button>
        </div>
      )}
      <CalibrationNoticeLine calibration={c} />
      {c.images && (
        <p className="result" data-testid="calibration-ready" data-count={c.images.count}>
          <Rich
            k="calibration.ready"
            values={{ count: c.images.count, size: shapeText(shape), range: m.calibration.ranges[c.range] }}
          />
        </p>
      )}
    </div>
  );
}

function CalibrationNoticeLine({ calibration: { notice } }: { calibration: Props['calibration'] }) {
  const { t } = useTranslation();
  if (!notice) return null;
  if (notice.kind === 'cancelled') return <p className="notice">{t('calibration.decodeCancelled')}</p>;
  if (notice.kind === 'failed')
    return (
      <p className="error" role="alert" data-testid="calibration-error">
        <CoreSentence failure={notice.failure} />
      </p>
    );
  if (notice.kind === 'none')
    return (
      <p className="error" role="alert" data-testid="calibration-error">
        {t('calibration.none', { count: notice.files })}
      </p>
    );
  return (
    <>
      {notice.refused.length > 0 && (
        <p className="error" role="alert" data-testid="calibration-error">
          {t('calibration.refused', { files: formatList(notice.refused) })}
        </p>
      )}
      {notice.dropped > 0 && <p className="notice">{t('calibration.tooMany', { max: MAX_CALIBRATION_IMAGES })}</p>}
    </>
  );
}
