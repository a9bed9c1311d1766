import { architectureOf, type TrainedModel } from '../../core/model/trained-model';
import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import { Rich } from '../i18n/Rich';
import { useModelImport } from './use-model-import';
import { CoreSentence } from '../i18n/CoreSentence';

interface Props {
  ready: boolean;
  busy: boolean;
  trained?: TrainedModel;
  onImported: (model: TrainedModel) => void;
}

const SOURCE_NAMES = { 'keras-h5': 'Keras HDF5', keras: 'Keras 3 .keras', tfjs: 'TF.js Layers', tflite: '.tflite' };

/**
 * "Bring your own model": a Keras .h5 / .keras file, a TF.js model.json chosen together with its
 * .bin shards, or a float32 .tflite becomes the lab's model (stored across reloads like a trained one).
 */
export function ImportModel({ ready, busy, trained, onImported }: Props) {
  const { t } = useTranslation();
  const { state, importFiles } = useModelImport(onImported);
  const importing = state.status === 'running';
  const source = trained?.source;
  return (
    <div className="import-model">
      <label>
        <Rich k="import.label" />{' '}
        <input
          type="file"
          multiple
          accept=".h5,.hdf5,.keras,.json,.bin,.tflite"
          data-testid="import-model"
          disabled={!ready || busy || importing}
          onChange={(e) => {
            void importFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </label>
      {importing && <p className="hint">{t('import.reading')}</p>}
      {state.status === 'failed' && (
        <p className="error" role="alert" data-testid="import-error">
          <CoreSentence failure={state} />
        </p>
      )}
      {trained && source && (
        <p className="result" data-testid="imported-summary">
          <Rich
            k="import.summary"
            values={{
              file: source.file,
              kind: SOURCE_NAMES[source.kind],
              layers: architectureOf(trained).layers.length,
              params: formatNumberFixed(trained.params, 0),
            }}
          />
        </p>
      )}
    </div>
  );
}
