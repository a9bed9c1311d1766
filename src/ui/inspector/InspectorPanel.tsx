import { useId, useState, type DragEvent } from 'react';
import type { InspectedFile } from '../state/results-cache';
import { RunStatus } from './RunStatus';
import { InspectorView } from './InspectorView';
import { useInspectedFile } from './use-inspected-file';

interface Props {
  /** Called once a file that fits MNIST has been scored in the runtime, to add it to the comparison. */
  onEvaluated: (file: InspectedFile) => void;
  heading?: string;
}

/**
 * Drop or choose any .tflite (the lab's or TensorFlow's converter output) to see its graph, tensors,
 * quantization parameters, metadata and weights; files that take an MNIST image are scored in the runtime.
 */
export function InspectorPanel({ onEvaluated, heading = 'Inspect any .tflite file' }: Props) {
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
      <h2 id={`${id}-title`}>{heading}</h2>
      <p className="hint">
        Drop a .tflite file here, or choose one: one exported above, or one written by TensorFlow’s converter. The file
        stays in your browser. If it takes one 28 × 28 image and returns 10 scores, it is also run on the 10,000 MNIST
        test images in the TFLite runtime and joins the comparison above (table, charts, confusion matrix, drawing).
      </p>
      <FileInput onFile={openFile} />
      {error && (
        <p className="error" role="alert" data-testid="inspector-error">
          {error}
        </p>
      )}
      {loaded && (
        <>
          <RunStatus loaded={loaded} evaluation={evaluation} onCancel={cancel} onRange={rerun} />
          <InspectorView key={loaded.serial} fileName={loaded.fileName} bytes={loaded.bytes} info={loaded.info} />
        </>
      )}
    </section>
  );
}

/** The "choose a file" control; choosing the same file again opens it again. */
function FileInput({ onFile }: { onFile: (file: File) => Promise<void> }) {
  return (
    <label className="inspector-drop">
      <span>Model file</span>
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
