import type { TfliteModelInfo } from '../../core/tflite/read-tflite';
import { ConstantHistogram } from './ConstantHistogram';
import { MAX_TABLE_ROWS, shorten, unknownOps } from './inspector-model';
import { ModelSummary } from './ModelSummary';
import { OpsTable } from './OpsTable';
import { TensorsTable } from './TensorsTable';

interface Props {
  fileName: string;
  bytes: Uint8Array;
  info: TfliteModelInfo;
}

/** Everything the inspector read from one file. Pure rendering of `info`, so it is also fuzz-tested. */
export function InspectorView({ fileName, bytes, info }: Props) {
  // Custom ops are explained above the view (Edge TPU, detection post-processing, ...): list only unknown builtins.
  const unknown = unknownOps(info).filter((n) => !n.startsWith('CUSTOM:'));
  return (
    <div className="inspector-view" lang="en">
      <ModelSummary fileName={fileName} info={info} />
      {unknown.length > 0 && (
        <p className="notice" data-testid="inspector-unknown-ops">
          Operators the lab does not know:{' '}
          {unknown
            .slice(0, 10)
            .map((n) => shorten(n, 40))
            .join(', ')}
          . The TFLite runtime may not run them either.
        </p>
      )}
      <FileNotes info={info} />
      {info.subgraphs.slice(0, 4).map((sg, s) => (
        <section key={s} className="inspector-subgraph">
          <h3>
            {info.subgraphs.length > 1
              ? `Subgraph ${s}${sg.name ? ` (${shorten(sg.name, 40)})` : ''}: operators`
              : 'Operators'}
          </h3>
          <OpsTable subgraph={sg} />
          <h3>Tensors</h3>
          <TensorsTable subgraph={sg} />
        </section>
      ))}
      {info.subgraphs.length > 4 && <p className="hint">Showing 4 of {info.subgraphs.length} subgraphs.</p>}
      <h3>Metadata</h3>
      {info.metadata.length === 0 ? (
        <p className="muted">No metadata entries.</p>
      ) : (
        <ul className="inspector-metadata" data-testid="inspector-metadata">
          {info.metadata.slice(0, MAX_TABLE_ROWS).map((m, i) => (
            <li key={i}>
              <code>{shorten(m.name, 60)}</code>: buffer {m.buffer}, {m.size} bytes
              {m.text !== undefined ? ` = "${shorten(m.text, 60)}"` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>Weight histogram</h3>
      <ConstantHistogram bytes={bytes} info={info} />
    </div>
  );
}

/** Real warnings, visible; informational remarks about converter habits, folded away beside them. */
function FileNotes({ info }: { info: TfliteModelInfo }) {
  return (
    <>
      {info.warnings.length > 0 && (
        <div className="notice" data-testid="inspector-warnings">
          <strong>{info.warnings.length} warning(s)</strong>: the file is readable but looks unusual.
          <ul>
            {info.warnings.slice(0, 20).map((w, i) => (
              <li key={i}>{shorten(w, 200)}</li>
            ))}
          </ul>
          {info.warnings.length > 20 && <span>…and {info.warnings.length - 20} more.</span>}
        </div>
      )}
      {info.remarks.length > 0 && (
        <details className="inspector-remarks" data-testid="inspector-remarks">
          <summary className="muted">
            {info.remarks.length} remark(s): normal habits of TensorFlow’s converter, nothing to fix
          </summary>
          <ul>
            {info.remarks.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
