import { useTranslation } from 'react-i18next';
import type { TfliteModelInfo } from '../../core/tflite/read-tflite';
import { useLanguage } from '../i18n/CoreSentence';
import { inspectNoteText } from '../i18n/model-kind-text';
import { Rich } from '../i18n/Rich';
import { ConstantHistogram } from './ConstantHistogram';
import { MAX_TABLE_ROWS, shorten, unknownOps } from './inspector-model';
import { ModelSummary } from './ModelSummary';
import { OpsTable } from './OpsTable';
import { TensorsTable } from './TensorsTable';
import { formatList } from '../i18n/locale';

interface Props {
  fileName: string;
  bytes: Uint8Array;
  info: TfliteModelInfo;
}

/** Everything the inspector read from one file. Pure rendering of `info`, so it is also fuzz-tested. */
export function InspectorView({ fileName, bytes, info }: Props) {
  // Custom ops are explained above the view (Edge TPU, detection post-processing, ...): list only unknown builtins.
  const { t } = useTranslation();
  const unknown = unknownOps(info).filter((n) => !n.startsWith('CUSTOM:'));
  return (
    <div className="inspector-view">
      <ModelSummary fileName={fileName} info={info} />
      {unknown.length > 0 && (
        <p className="notice" data-testid="inspector-unknown-ops">
          {t('inspector.view.unknownOps', {
            ops: formatList(unknown.slice(0, 10).map((n) => shorten(n, 40))),
          })}
        </p>
      )}
      <FileNotes info={info} />
      {info.subgraphs.slice(0, 4).map((sg, s) => (
        <section key={s} className="inspector-subgraph">
          <h3>
            {info.subgraphs.length > 1
              ? t('inspector.view.subgraphOps', { index: s, name: sg.name ? ` (${shorten(sg.name, 40)})` : '' })
              : t('inspector.view.operators')}
          </h3>
          <OpsTable subgraph={sg} />
          <h3>{t('inspector.view.tensors')}</h3>
          <TensorsTable subgraph={sg} />
        </section>
      ))}
      {info.subgraphs.length > 4 && (
        <p className="hint">{t('inspector.view.someSubgraphs', { count: info.subgraphs.length })}</p>
      )}
      <h3>{t('inspector.view.metadata')}</h3>
      {info.metadata.length === 0 ? (
        <p className="muted">{t('inspector.view.noMetadata')}</p>
      ) : (
        <ul className="inspector-metadata" data-testid="inspector-metadata">
          {info.metadata.slice(0, MAX_TABLE_ROWS).map((m, i) => (
            <li key={i}>
              <code>{shorten(m.name, 60)}</code>
              {t('inspector.view.metadataEntry', { buffer: m.buffer, size: m.size })}
              {m.text !== undefined ? ` = "${shorten(m.text, 60)}"` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('inspector.view.weightHistogram')}</h3>
      <ConstantHistogram bytes={bytes} info={info} />
    </div>
  );
}

/** Real warnings, visible; informational remarks about converter habits, folded away beside them. */
function FileNotes({ info }: { info: TfliteModelInfo }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { warnings, remarks } = info.notes;
  // The warnings and remarks, written from the reader's data (inspect-notes.ts) in the shown language.
  return (
    <>
      {warnings.length > 0 && (
        <div className="notice" data-testid="inspector-warnings">
          <Rich k="inspector.view.warnings" values={{ count: warnings.length }} />
          <ul>
            {warnings.slice(0, 20).map((w, i) => (
              <li key={i}>{shorten(inspectNoteText(w, language), 200)}</li>
            ))}
          </ul>
          {warnings.length > 20 && <span>{t('inspector.view.moreWarnings', { count: warnings.length - 20 })}</span>}
        </div>
      )}
      {remarks.length > 0 && (
        <details className="inspector-remarks" data-testid="inspector-remarks">
          <summary className="muted">{t('inspector.view.remarks', { count: remarks.length })}</summary>
          <ul>
            {remarks.map((r, i) => (
              <li key={i}>{inspectNoteText(r, language)}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
