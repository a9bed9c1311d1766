import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { ModeReport } from '../../core/report/report';
import { gzipBytes } from '../../core/compress/gzip-size';
import type { TfliteModelInfo } from '../../core/tflite/read-tflite';
import { formatPercent } from '../common/format';
import { formatInt, formatMs } from '../results/results-format';
import { fileReport, fileSizeProblem, inspectFile, mnistFit, type MnistFit } from './inspector-model';
import { InspectorView } from './InspectorView';
import { useFileEvaluation, type FileEvaluation } from './use-file-evaluation';

interface Props {
  /** The 10,000 MNIST test images ([N * 784] raw pixels) and labels ([N]). */
  getTestSet: () => Promise<{ images: Uint8Array; labels: Uint8Array }>;
  /** Called once a file that fits MNIST has been scored in the runtime, to add it to the comparison. */
  onEvaluated: (entry: ModeReport, bytes: Uint8Array) => void;
  heading?: string;
}

interface Loaded {
  /** Increases with every file, so per-file view state starts fresh. */
  serial: number;
  fileName: string;
  bytes: Uint8Array;
  info: TfliteModelInfo;
  fit: MnistFit;
}

/**
 * Drop or choose any .tflite (the lab's or TensorFlow's converter output) to see its graph, tensors,
 * quantization parameters, metadata and weights; files that take an MNIST image are scored in the runtime.
 */
export function InspectorPanel({ getTestSet, onEvaluated, heading = 'Inspect any .tflite file' }: Props) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const serial = useRef(0);
  const onEvaluatedRef = useRef(onEvaluated);
  useEffect(() => {
    onEvaluatedRef.current = onEvaluated;
  }, [onEvaluated]);
  const { state: evaluation, evaluate, cancel } = useFileEvaluation(getTestSet);
  const id = useId();

  const openFile = useCallback(
    async (file: File) => {
      const mine = ++serial.current;
      cancel();
      setError(undefined);
      setLoaded(undefined);
      const sizeProblem = fileSizeProblem(file.name, file.size);
      if (sizeProblem) return setError(sizeProblem);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        if (mine === serial.current)
          setError(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      if (mine !== serial.current) return;
      const outcome = inspectFile(bytes, file.name);
      if (!outcome.ok) return setError(outcome.message);
      const fit = mnistFit(outcome.info);
      setLoaded({ serial: mine, fileName: file.name, bytes, info: outcome.info, fit });
      if (!fit.fits) return;
      const result = await evaluate(bytes, file.name);
      if (result && mine === serial.current)
        onEvaluatedRef.current(fileReport(file.name, bytes.length, result, gzipBytes(bytes)), bytes);
    },
    [cancel, evaluate],
  );

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
        test images in the TFLite runtime.
      </p>
      <label className="inspector-drop">
        <span>Model file</span>
        <input
          type="file"
          accept=".tflite,application/octet-stream"
          data-testid="inspector-drop"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </label>
      {error && (
        <p className="error" role="alert" data-testid="inspector-error">
          {error}
        </p>
      )}
      {loaded && (
        <>
          <FitStatus loaded={loaded} evaluation={evaluation} onCancel={cancel} />
          <InspectorView key={loaded.serial} fileName={loaded.fileName} bytes={loaded.bytes} info={loaded.info} />
        </>
      )}
    </section>
  );
}

function FitStatus({
  loaded,
  evaluation,
  onCancel,
}: {
  loaded: Loaded;
  evaluation: FileEvaluation;
  onCancel: () => void;
}) {
  if (!loaded.fit.fits) {
    return (
      <p className="notice" data-testid="inspector-no-mnist">
        Not run on MNIST: {loaded.fit.reason}.
      </p>
    );
  }
  if (evaluation.status === 'idle' || evaluation.fileName !== loaded.fileName) return null;
  if (evaluation.status === 'running') {
    return (
      <div className="progress-block" data-testid="inspector-progress">
        <progress max={1} value={evaluation.fraction} aria-label="Runtime evaluation" />
        <span className="muted">
          Running {formatPercent(evaluation.fraction, 0)} of the test images in the TFLite runtime…
        </span>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (evaluation.status === 'failed') {
    return (
      <p className="error" role="alert" data-testid="inspector-error">
        The TFLite runtime could not run {loaded.fileName}: {evaluation.message}
      </p>
    );
  }
  const { result } = evaluation;
  return (
    <p className="result" data-testid="inspector-accuracy">
      Accuracy <strong>{formatPercent(result.accuracy)}</strong> on {formatInt(result.count)} test images; latency{' '}
      {formatMs(result.latency.medianMs)} median, {formatMs(result.latency.p90Ms)} p90 (
      {formatInt(result.latency.samples)} runs).{' '}
      <span className="muted">{result.engine}. Added to the comparison.</span>
    </p>
  );
}
