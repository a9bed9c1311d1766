import { useTranslation } from 'react-i18next';
import { useId, useState, type DragEvent } from 'react';
import type { InspectedFile } from '../state/results-cache';
import { InspectedGraph } from '../graph/InspectedGraph';
import { RunStatus } from './RunStatus';
import { InspectorView } from './InspectorView';
import { useInspectedFile } from './use-inspected-file';
import { formatMiB, type InspectorProblem } from './inspector-model';
import { CoreSentence } from '../i18n/CoreSentence';

interface Props {
  /** Called once a file that fits MNIST has been scored in the runtime, to add it to the comparison. */
  onEvaluated: (file: InspectedFile) => void;
  heading?: string;
}

/**
 * Drop or choose any .tflite (the lab's or TensorFlow's converter output) to see its graph, tensors,
 * quantization parameters, metadata and weights; files that take an MNIST image are scored in the runtime.
 */
export function InspectorPanel({ onEvaluated, heading }: Props) {
  const { t } = useTranslation();
  const { loaded, error, evaluation, openFile, rerun, cancel } = useInspectedFile(onEvaluated);
  const [dragging, setDragging] = useState(false);
  const id = useId();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  };
  return (
    <section
      className={`panel inspector${dragging ? ' inspector-dragging' : ''}`}
      aria-labelledby={`${id}-title`}
      data-testid="inspector"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id={`${id}-title`}>{heading ?? t('inspector.title')}</h2>
      <p className="hint">{t('inspector.hint')}</p>
      <FileInput onFile={openFile} />
      {error && (
        <p className="error" role="alert" data-testid="inspector-error">
          <ProblemSentence problem={error} />
        </p>
      )}
      {loaded && (
        <>
          <RunStatus loaded={loaded} evaluation={evaluation} onCancel={cancel} onRange={rerun} />
          <InspectorView key={loaded.serial} fileName={loaded.fileName} bytes={loaded.bytes} info={loaded.info} />
          <InspectedGraph key={`graph-${loaded.serial}`} info={loaded.info} fileName={loaded.fileName} />
        </>
      )}
    </section>
  );
}

/** Why a file could not be opened, in the shown language (the browser's own message stays English). */
function ProblemSentence({ problem: p }: { problem: InspectorProblem }) {
  const { t } = useTranslation();
  switch (p.kind) {
    case 'empty':
      return t('inspector.empty', { file: p.fileName });
    case 'too-big':
      return t('inspector.tooBig', { file: p.fileName, size: formatMiB(p.size), max: formatMiB(p.max) });
    case 'read-failed':
      return (
        <>
          {t('inspector.readFailed', { file: p.fileName })} <span lang="en">{p.detail}</span>
        </>
      );
    case 'unreadable':
      return (
        <>
          {t('inspector.unreadable', { file: p.fileName })} <CoreSentence failure={p.failure} />
        </>
      );
  }
}

/** The "choose a file" control; choosing the same file again opens it again. */
function FileInput({ onFile }: { onFile: (file: File) => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <label className="inspector-drop">
      <span>{t('inspector.modelFile')}</span>
      <input
        type="file"
        accept=".tflite,application/octet-stream"
        data-testid="inspector-drop"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onFile(file);
        }}
      />
    </label>
  );
}
