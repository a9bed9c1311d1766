import type { TfliteModelInfo } from '../../core/tflite/read-tflite';
import { formatBytes } from '../common/format';
import { shorten } from './inspector-model';

interface Props {
  fileName: string;
  info: TfliteModelInfo;
}

/** File-level facts: size, schema version, description, min_runtime_version, graph and signatures. */
export function ModelSummary({ fileName, info }: Props) {
  const minRuntime = info.metadata.find((m) => m.name === 'min_runtime_version')?.text;
  const ops = info.subgraphs.reduce((n, sg) => n + sg.ops.length, 0);
  const tensors = info.subgraphs.reduce((n, sg) => n + sg.tensors.length, 0);
  return (
    <dl className="inspector-summary" data-testid="inspector-summary">
      <dt>File</dt>
      <dd>
        <code>{shorten(fileName)}</code>, {formatBytes(info.fileSize)}
      </dd>
      <dt>Schema version</dt>
      <dd>{info.version}</dd>
      <dt>Description</dt>
      <dd>{info.description ? shorten(info.description, 120) : <span className="muted">none</span>}</dd>
      <dt>Minimum runtime</dt>
      <dd>{minRuntime ? shorten(minRuntime, 40) : <span className="muted">not declared</span>}</dd>
      <dt>Graph</dt>
      <dd>
        {info.subgraphs.length} subgraph(s), {ops} op(s), {tensors} tensor(s), {info.buffers.length} buffer(s)
      </dd>
      <dt>Signatures</dt>
      <dd>
        {info.signatures.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          info.signatures.slice(0, 8).map((s, i) => (
            <div key={i}>
              <code>{shorten(s.key || '(no key)', 40)}</code> (subgraph {s.subgraphIndex}):{' '}
              {s.inputs.map((t) => shorten(t.name, 30)).join(', ') || '–'} →{' '}
              {s.outputs.map((t) => shorten(t.name, 30)).join(', ') || '–'}
            </div>
          ))
        )}
      </dd>
    </dl>
  );
}
