import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const none = <span className="muted">{t('inspector.summary.none')}</span>;
  return (
    <dl className="inspector-summary" data-testid="inspector-summary">
      <dt>{t('inspector.summary.file')}</dt>
      <dd>
        <code>{shorten(fileName)}</code>, {formatBytes(info.fileSize)}
      </dd>
      <dt>{t('inspector.summary.schema')}</dt>
      <dd>{info.version}</dd>
      <dt>{t('inspector.summary.description')}</dt>
      <dd>{info.description ? <span lang="en">{shorten(info.description, 120)}</span> : none}</dd>
      <dt>{t('inspector.summary.minRuntime')}</dt>
      <dd>
        {minRuntime ? shorten(minRuntime, 40) : <span className="muted">{t('inspector.summary.notDeclared')}</span>}
      </dd>
      <dt>{t('inspector.summary.graph')}</dt>
      <dd>
        {t('inspector.summary.graphCounts', {
          subgraphs: info.subgraphs.length,
          ops,
          tensors,
          buffers: info.buffers.length,
        })}
      </dd>
      <dt>{t('inspector.summary.signatures')}</dt>
      <dd>
        {info.signatures.length === 0
          ? none
          : info.signatures.slice(0, 8).map((s, i) => (
              <div key={i}>
                <code>{shorten(s.key || t('inspector.summary.noKey'), 40)}</code>{' '}
                {t('inspector.summary.signatureSubgraph', { index: s.subgraphIndex })}{' '}
                {s.inputs.map((t) => shorten(t.name, 30)).join(', ') || '–'} →{' '}
                {s.outputs.map((t) => shorten(t.name, 30)).join(', ') || '–'}
              </div>
            ))}
      </dd>
    </dl>
  );
}
