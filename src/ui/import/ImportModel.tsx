import { architectureOf, type TrainedModel } from '../../core/model/trained-model';
import { useModelImport } from './use-model-import';

interface Props {
  ready: boolean;
  busy: boolean;
  trained?: TrainedModel;
  onImported: (model: TrainedModel) => void;
}

const SOURCE_NAMES = { 'keras-h5': 'Keras HDF5', keras: 'Keras 3 .keras', tfjs: 'TF.js Layers', tflite: '.tflite' };

/**
 * "Bring your own model": a Keras .h5 / .keras file, or a TF.js model.json chosen together with its
 * .bin shards, becomes the lab's model (stored across reloads like a trained one).
 */
export function ImportModel({ ready, busy, trained, onImported }: Props) {
  const { state, importFiles } = useModelImport(onImported);
  const importing = state.status === 'running';
  const source = trained?.source;
  return (
    <div className="import-model">
      <label>
        Or bring your own model (Keras <code>.h5</code> or <code>.keras</code>, or TF.js <code>model.json</code> with
        its <code>.bin</code> files):{' '}
        <input
          type="file"
          multiple
          accept=".h5,.hdf5,.keras,.json,.bin"
          data-testid="import-model"
          disabled={!ready || busy || importing}
          onChange={(e) => {
            void importFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </label>
      {importing && <p className="hint">Reading the model and scoring it on the 10,000 test images…</p>}
      {state.status === 'failed' && (
        <p className="error" role="alert" data-testid="import-error">
          {state.message}
        </p>
      )}
      {trained && source && (
        <p className="result" data-testid="imported-summary">
          Imported from <strong>{source.file}</strong> ({SOURCE_NAMES[source.kind]}):{' '}
          {architectureOf(trained).layers.length} layers, {trained.params.toLocaleString('en-US')} parameters. Every
          stage below (quantization, QAT, the debugger, drawing, confusion, downloads) now works on this model.
        </p>
      )}
    </div>
  );
}
