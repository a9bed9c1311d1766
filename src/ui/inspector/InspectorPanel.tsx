import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import type { InputRange } from '../../core/tflite/model-kind';
import { planRun } from '../../core/tflite/run-plan';
import { fileSizeProblem, inspectedMode, inspectFile, type Loaded } from './inspector-model';
import { InspectorView } from './InspectorView';
import { RunStatus } from './RunStatus';
import { useFileEvaluation } from './use-file-evaluation';

interface Props {
  /** The 10,000 MNIST test images ([N * 784] raw pixels) and labels ([N]). */
  getTestSet: () => Promise<{ images: Uint8Array; labels: Uint8Array }>;
  /** Called once a file that fits MNIST has been scored in the runtime, to add it to the comparison. */
  onEvaluated: (measured: MeasuredMode) => void;
  heading?: string;
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

  const run = useCallback(
    async (file: Loaded) => {
      const { plan } = file;
      if (!plan.runs) return;
      const result = await evaluate(plan.bytes, file.fileName, plan.feed.range);
      if (!result || file.serial !== serial.current) return;
      const runInfo = { feed: plan.feed.label, pinnedTensors: plan.pinnedTensors };
      onEvaluatedRef.current(inspectedMode(file.fileName, file.bytes.length, plan.bytes, result, runInfo));
    },
    [evaluate],
  );

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
      const next = { serial: mine, fileName: file.name, bytes, info: outcome.info, plan: planRun(bytes, outcome.info) };
      setLoaded(next);
      await run(next);
    },
    [cancel, run],
  );

  /** The user switched the pixel range: plan again with it and score the file again. */
  const rerun = useCallback(
    (range: InputRange) => {
      if (!loaded) return;
      const next = { ...loaded, plan: planRun(loaded.bytes, loaded.info, range) };
      setLoaded(next);
      void run(next);
    },
    [loaded, run],
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
        test images in the TFLite runtime and joins the comparison above (table, charts, confusion matrix, drawing).
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
          <RunStatus loaded={loaded} evaluation={evaluation} onCancel={cancel} onRange={rerun} />
          <InspectorView key={loaded.serial} fileName={loaded.fileName} bytes={loaded.bytes} info={loaded.info} />
        </>
      )}
    </section>
  );
}
