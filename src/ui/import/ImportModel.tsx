import { useCallback, useMemo, useState } from 'react';
import { architectureOf, type TrainedModel } from '../../core/model/trained-model';
import type { LabReport } from '../../core/report/report';
import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import { Rich } from '../i18n/Rich';
import type { QuantSettings } from '../state/lab-state';
import { CalibrationImages, shapeText } from './CalibrationImages';
import { UnlabelledModes } from './UnlabelledModes';
import { useCalibrationImages } from './use-calibration-images';
import { useModelImport } from './use-model-import';
import { PIXEL_CHOICES, type PixelChoice } from '../../core/import/raw-pixels';
import { ChoiceSelect } from '../common/ChoiceSelect';
import { useUnlabelledQuantization } from './use-unlabelled-quantization';
import { CoreSentence } from '../i18n/CoreSentence';
import { keptUnlabelledResults, unlabelledReport } from './unlabelled-report';
import type { RunRecord } from '../runs/run-record';

interface Props {
  ready: boolean;
  busy: boolean;
  trained?: TrainedModel;
  onImported: (model: TrainedModel) => void;
  /** The quantization settings (modes and recipe) a non-MNIST model is quantized with. */
  quant: QuantSettings;
  /** Keep a finished quantization of a non-MNIST model as a run (its report and files). */
  onQuantized: (model: TrainedModel, report: LabReport, files: Record<string, Uint8Array>) => void;
  /** The kept runs, newest first: a non-MNIST model's last run is shown again after a reload. */
  runs: readonly RunRecord[];
}

const SOURCE_NAMES = { 'keras-h5': 'Keras HDF5', keras: 'Keras 3 .keras', tfjs: 'TF.js Layers', tflite: '.tflite' };

/**
 * "Bring your own model": a Keras .h5 / .keras file, a TF.js model.json chosen together with its
 * .bin shards, or a float32 .tflite becomes the lab's model (stored across reloads like a trained one).
 * A model whose input is another image than MNIST's is quantized here, on images the user drops.
 */
export function ImportModel({ ready, busy, trained, onImported, quant, onQuantized, runs }: Props) {
  const { t } = useTranslation();
  const { state, importFiles, unlabelled, restored, storeError, forgetUnlabelled, forgotten } =
    useModelImport(onImported);
  // The user removed the non-MNIST model (an MNIST import forgets it too, without a word).
  const [removed, setRemoved] = useState(false);
  // How an MNIST-shaped model reads pixels (src/core/import/raw-pixels.ts): a choice for the next import.
  const [pixels, setPixels] = useState<PixelChoice>('auto');
  const importing = state.status === 'running';
  const shown = unlabelled ?? trained;
  const source = shown?.source;
  const shape = unlabelled && architectureOf(unlabelled).inputShape;
  const calibration = useCalibrationImages(shape);
  const onFinished = useCallback<NonNullable<Parameters<typeof useUnlabelledQuantization>[0]>>(
    (results) => {
      const { report, files } = unlabelledReport(results);
      onQuantized(results.model, report, files);
    },
    [onQuantized],
  );
  const quantization = useUnlabelledQuantization(onFinished);
  const working = quantization.state.status === 'running';
  const kept = useMemo(() => unlabelled && keptUnlabelledResults(runs, unlabelled), [runs, unlabelled]);
  return (
    <div className="import-model">
      <label>
        <Rich k="import.label" />{' '}
        <input
          type="file"
          multiple
          accept=".h5,.hdf5,.keras,.json,.bin,.tflite"
          data-testid="import-model"
          disabled={!ready || busy || importing || working}
          onChange={(e) => {
            setRemoved(false);
            void importFiles([...(e.target.files ?? [])], pixels);
            e.target.value = '';
          }}
        />
      </label>{' '}
      <ChoiceSelect
        className="inline"
        label={<>{t('import.pixels')} </>}
        choices={PIXEL_CHOICES}
        value={pixels}
        onChange={setPixels}
        text={(c) => t(`import.pixelChoice.${c}`)}
        testId="import-pixels"
        disabled={importing}
      />
      {importing && <p className="hint">{t('import.reading')}</p>}
      {removed && forgotten && !unlabelled && (
        <p className="notice" data-testid="unlabelled-forgotten">
          {t('import.unlabelledForgotten')}
        </p>
      )}
      {storeError && (
        <p className="error">
          {t(`app.storeFailed.${storeError.action}`)} <span lang="en">{storeError.message}</span>
        </p>
      )}
      {state.status === 'failed' && (
        <p className="error" role="alert" data-testid="import-error">
          <CoreSentence failure={state} />
        </p>
      )}
      {shown && source && (
        <p className="result" data-testid="imported-summary">
          <Rich
            k={unlabelled ? 'import.summaryUnlabelled' : 'import.summary'}
            values={{
              file: source.file,
              kind: SOURCE_NAMES[source.kind],
              layers: architectureOf(shown).layers.length,
              params: formatNumberFixed(shown.params, 0),
              shape: shape ? shapeText(shape) : '',
            }}
          />
          {source.input_range === '0-255' && (
            <>
              {' '}
              <span data-testid="imported-raw-pixels">{t('import.rawPixels')}</span>
            </>
          )}
        </p>
      )}
      {unlabelled && shape && (
        <>
          <div className="actions">
            <button
              type="button"
              className="secondary"
              data-testid="unlabelled-forget"
              disabled={working}
              onClick={() => {
                setRemoved(true);
                forgetUnlabelled();
              }}
            >
              {t('import.forgetUnlabelled')}
            </button>
          </div>
          <CalibrationImages shape={shape} calibration={calibration} disabled={working} restored={restored} />
          <UnlabelledModes
            key={`${source?.file}-${shapeText(shape)}`}
            model={unlabelled}
            images={calibration.images}
            range={calibration.range}
            settings={quant}
            quantization={quantization}
            kept={kept}
            disabled={busy || importing}
          />
        </>
      )}
    </div>
  );
}
