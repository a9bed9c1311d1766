/**
 * Evaluates .tflite files on MNIST in the real TFLite runtime (LiteRT.js, wasm CPU path), the same
 * way from the runtime worker, the CLI and the tests. LiteRT must have been started first
 * (workers/runtime.worker.ts `init`, or src/node/litert-node.ts `loadLiteRtForNode`).
 *
 * Models take one image, [1, 28, 28, 1] (any shape of 784 elements works). Its pixels become reals in
 * [0, 1] (pixel / 255) or [0, 255] (raw), as the file's input decides (core/tflite/model-kind.ts, or the
 * caller's `inputRange`); float32 inputs take the reals, quantized integer inputs the reals quantized with
 * the input's own scale and zero point (int8 at scale 1/255, zero point -128 is q = pixel - 128), and
 * uint8 inputs without quantization parameters the raw pixels. They return 10 scores (softmax or logits),
 * dequantized here when the output is a quantized integer tensor.
 */
import { inspectTflite } from '../core/tflite/inspect-tflite';
import { batchedCopy } from '../core/tflite/batch-copy';
import { describeModel, type InputRange } from '../core/tflite/model-kind';
import { runtimeThreadLimit, type QuantMode } from '../core/modes/lab-modes';
import { describeEngine, getLiteRtRuntime, usableThreads } from './litert-module';
import { LiteRtModelSession } from './litert-model';
import type { IoTensorInfo, IoType } from './tflite-io';

const INTEGER_RANGES: Record<Exclude<IoType, 'float32'>, [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

const TYPED_ARRAYS = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array, int32: Int32Array } as const;

export interface EvaluateOptions {
  /** Evaluate only the first `limit` images (default: all). */
  limit?: number;
  /** How many single-image runs to time for the latency statistics (default 1000). */
  latencySamples?: number;
  /** Called every 500 images and at the end with (images done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Pixel range fed to the model (default: what the file's input implies, see describeModel). */
  inputRange?: InputRange;
}

export interface LatencyStats {
  /** Median wall time of one run: input copy into wasm memory, invoke, output copy out (ms). */
  medianMs: number;
  /** 90th percentile of the same (ms). */
  p90Ms: number;
  /** Number of timed runs. */
  samples: number;
}

export interface RuntimeEvaluation {
  /** correct / count. */
  accuracy: number;
  /** Predicted class (argmax of the output) for each evaluated image, [count]. */
  predictions: Uint8Array;
  correct: number;
  count: number;
  latency: LatencyStats;
  inputType: IoType;
  outputType: IoType;
  /** The input and output tensors as the file declares them (shape, quantization). */
  input: IoTensorInfo;
  output: IoTensorInfo;
  /** e.g. `LiteRT.js 2.5.3 (wasm relaxed-SIMD, XNNPACK, 1 thread)`. */
  engine: string;
  /** The pixel range that was fed. */
  inputRange: InputRange;
  /** Images per run for the images past the timed ones: SCORING_BATCH in the checked batched copy, or 1. */
  imagesPerRun: number;
}

/**
 * Encodes one image for `input`: `values` are pixel intensities in [0, 1] (pixel / 255), fed as reals in
 * `range` (x 255 for '0-255'). Float32 inputs take the reals as is; quantized integer inputs get
 * q = clamp(round(real / scale) + zeroPoint); integer inputs without parameters get clamp(round(real)).
 * @returns the input tensor's bytes (little-endian).
 */
export function encodeInput(values: ArrayLike<number>, input: IoTensorInfo, range: InputRange = '0-1'): Uint8Array {
  const k = range === '0-255' ? 255 : 1;
  if (input.type === 'float32') return new Uint8Array(Float32Array.from(values, (v) => v * k).buffer);
  const { scale, zeroPoint } = input.quant ?? { scale: 1, zeroPoint: 0 };
  const [lo, hi] = INTEGER_RANGES[input.type];
  const quantize = (v: number) => Math.min(hi, Math.max(lo, Math.round((v * k) / scale) + zeroPoint));
  const q = new TYPED_ARRAYS[input.type](values.length);
  for (let i = 0; i < values.length; i++) q[i] = quantize(values[i]!);
  return new Uint8Array(q.buffer);
}

/**
 * Decodes output bytes to float values, dequantizing integer outputs: real = scale * (q - zeroPoint)
 * (integer outputs without parameters are returned as their integer values: the argmax is the same).
 */
export function decodeOutput(bytes: Uint8Array, output: IoTensorInfo): Float32Array {
  const buffer = bytes.slice().buffer; // aligned copy
  if (output.type === 'float32') return new Float32Array(buffer);
  const { scale, zeroPoint } = output.quant ?? { scale: 1, zeroPoint: 0 };
  return Float32Array.from(new TYPED_ARRAYS[output.type](buffer), (q) => scale * (q - zeroPoint));
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/** Percentile by nearest rank of an ascending array (p in [0, 1]). */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** FNV-1a over the bytes plus the length: the cache key of a model (bytes arrive as copies over comlink). */
function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

const SESSION_CACHE_SIZE = 3;
const sessions = new Map<string, Promise<LiteRtModelSession>>();

/** Compiled model for `bytes`, reused across calls (predict is called on every canvas stroke). */
async function openCached(bytes: Uint8Array, threads?: number): Promise<LiteRtModelSession> {
  const key = threads === undefined ? fingerprint(bytes) : `${fingerprint(bytes)}@${threads}`;
  let session = sessions.get(key);
  if (session) {
    sessions.delete(key);
  } else {
    session = LiteRtModelSession.open(bytes.slice(), threads);
    session.catch(() => sessions.delete(key));
  }
  sessions.set(key, session);
  while (sessions.size > SESSION_CACHE_SIZE) {
    const [oldKey, old] = sessions.entries().next().value!;
    sessions.delete(oldKey);
    old.then(
      (s) => s.delete(),
      () => undefined,
    );
  }
  return session;
}

/** Frees every compiled model kept by this module. */
export async function clearRuntimeCache(): Promise<void> {
  const pending = [...sessions.values()];
  sessions.clear();
  for (const p of pending) (await p.catch(() => undefined))?.delete();
}

/** The pixel range the file's input implies ('0-1' when the file is not an MNIST classifier). */
export function defaultInputRange(bytes: Uint8Array): InputRange {
  const kind = describeModel(inspectTflite(bytes), { bytes });
  return kind.kind === 'classifier' ? kind.feed.range : '0-1';
}

function checkMnistInput(session: LiteRtModelSession): void {
  if (session.inputSize !== 784) {
    throw new Error(
      `the model's input '${session.input.name}' has shape [${session.input.shape.join(', ')}], expected 784 values (an MNIST image)`,
    );
  }
}

/**
 * Encodes image i of `images` ([N * 784] raw pixels) for `input` into one reused buffer, exactly as
 * encodeInput(pixel / 255 as float32, ...) does: a pixel has 256 values, so each one's encoding is
 * computed once (by encodeInput itself) and looked up per pixel.
 */
export function pixelEncoder(images: Uint8Array, input: IoTensorInfo, range: InputRange): (i: number) => Uint8Array {
  const levels = Float32Array.from({ length: 256 }, (_, p) => p / 255);
  const encoded = encodeInput(levels, input, range);
  const width = encoded.byteLength / 256;
  const table = width === 4 ? new Uint32Array(encoded.buffer) : width === 2 ? new Uint16Array(encoded.buffer) : encoded;
  const buffer = new ArrayBuffer(784 * width);
  const bytes = new Uint8Array(buffer);
  const view = width === 4 ? new Uint32Array(buffer) : width === 2 ? new Uint16Array(buffer) : bytes;
  return (i) => {
    const base = i * 784;
    for (let j = 0; j < 784; j++) view[j] = table[images[base + j]!]!;
    return bytes;
  };
}

/**
 * The predicted class of one output (bytes of the output tensor): the argmax of decodeOutput. For an
 * integer output with a positive scale, dequantizing is monotone, so the argmax of the raw integers
 * is the same index (ties included) without decoding.
 */
export function outputArgmax(output: IoTensorInfo): (bytes: Uint8Array) => number {
  if (output.type === 'float32' || (output.quant && !(output.quant.scale > 0)))
    return (bytes) => argmax(decodeOutput(bytes, output));
  const Typed = TYPED_ARRAYS[output.type];
  return (bytes) => {
    const values = new Typed(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Typed.BYTES_PER_ELEMENT);
    let best = 0;
    for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
    return best;
  };
}

/** Images per run of the batched scoring copy (core/tflite/batch-copy.ts). */
export const SCORING_BATCH = 50;

/**
 * The batched scoring copy of `bytes` (SCORING_BATCH images per run), opened, once its outputs on the
 * first SCORING_BATCH images equal, byte for byte, the file's own outputs on them (`reference`, one
 * output per image); undefined when the graph cannot be batched, LiteRT refuses the copy, or any byte differs.
 */
async function checkedBatchSession(
  bytes: Uint8Array,
  encode: (i: number) => Uint8Array,
  reference: Uint8Array[],
): Promise<LiteRtModelSession | undefined> {
  const copy = batchedCopy(bytes, SCORING_BATCH);
  if (!copy || reference.length < SCORING_BATCH) return undefined;
  let session: LiteRtModelSession | undefined;
  try {
    session = await LiteRtModelSession.open(copy);
    const out = await session.run(batchEncoder(encode, SCORING_BATCH)(0));
    const width = out.byteLength / SCORING_BATCH;
    const same = reference.every((r, k) => r.byteLength === width && r.every((b, j) => out[k * width + j] === b));
    if (same) return session;
  } catch {
    // LiteRT refused the copy: score one image at a time.
  }
  session?.delete();
  return undefined;
}

/** Encodes images `start`..`start + n - 1` (by `encode`) one after another into one reused buffer. */
function batchEncoder(encode: (i: number) => Uint8Array, n: number): (start: number) => Uint8Array {
  let buffer: Uint8Array | undefined;
  return (start) => {
    for (let k = 0; k < n; k++) {
      const one = encode(start + k);
      buffer ??= new Uint8Array(one.byteLength * n);
      buffer.set(one, k * one.byteLength);
    }
    return buffer ?? new Uint8Array(0);
  };
}

/**
 * Runs a .tflite on MNIST images and scores it. The first `latencySamples` images run one at a time in the
 * file itself (timed for the latency statistics). When the graph allows it, the rest run SCORING_BATCH at a
 * time in the file's batched scoring copy (the same operators and weights, see core/tflite/batch-copy.ts),
 * after the copy's outputs on the first SCORING_BATCH images were found byte-identical to the file's own;
 * otherwise, and for the last images that do not fill a batch, one at a time in the file.
 * @param bytes the .tflite file
 * @param images raw MNIST pixels, [N * 784] bytes in 0..255, row-major 28 x 28
 * @param labels [N] class labels 0..9
 * @throws TfliteFormatError / LiteRtError when the file is not a model LiteRT can run
 */
export async function evaluateTflite(
  bytes: Uint8Array,
  images: Uint8Array,
  labels: Uint8Array,
  options: EvaluateOptions = {},
): Promise<RuntimeEvaluation> {
  if (images.length !== labels.length * 784)
    throw new Error(`images has ${images.length} bytes, expected ${labels.length} x 784`);
  const { engine } = getLiteRtRuntime();
  const session = await openCached(bytes);
  checkMnistInput(session);
  const inputRange = options.inputRange ?? defaultInputRange(bytes);
  const count = Math.min(labels.length, options.limit ?? labels.length);
  const latencySamples = Math.min(count, options.latencySamples ?? 1000);
  const encode = pixelEncoder(images, session.input, inputRange);
  // Warm-up: the first runs allocate and pack weights; also surfaces 'Failed to allocate tensors'.
  if (count > 0) for (let w = 0; w < 3; w++) await session.run(encode(0));

  const predictions = new Uint8Array(count);
  const times = new Float64Array(latencySamples);
  const classOf = outputArgmax(session.output);
  let correct = 0;
  let done = 0;
  const record = (i: number, out: Uint8Array) => {
    const predicted = classOf(out);
    predictions[i] = predicted;
    if (predicted === labels[i]) correct++;
    done++;
    if (options.onProgress && (done % 500 === 0 || done === count)) options.onProgress(done, count);
  };
  // Single-image runs in the file: the timed ones, and the ones the batched copy is checked against.
  const singles = count >= SCORING_BATCH + latencySamples ? Math.max(latencySamples, SCORING_BATCH) : count;
  const reference: Uint8Array[] = [];
  for (let i = 0; i < singles; i++) {
    const input = encode(i);
    const t0 = performance.now();
    const out = await session.run(input);
    const t1 = performance.now();
    if (i < latencySamples) times[i] = t1 - t0;
    if (i < SCORING_BATCH) reference.push(out);
    record(i, out);
  }
  let i = singles;
  const batched = i < count ? await checkedBatchSession(bytes, encode, reference) : undefined;
  if (batched) {
    try {
      const encodeRun = batchEncoder(encode, SCORING_BATCH);
      for (; i + SCORING_BATCH <= count; i += SCORING_BATCH) {
        // The same output tensor type and quantization as the file's, one image's output after another.
        const out = await batched.run(encodeRun(i));
        const width = out.byteLength / SCORING_BATCH;
        for (let k = 0; k < SCORING_BATCH; k++) record(i + k, out.subarray(k * width, (k + 1) * width));
      }
    } finally {
      batched.delete();
    }
  }
  for (; i < count; i++) record(i, await session.run(encode(i)));
  times.sort();
  return {
    accuracy: count > 0 ? correct / count : Number.NaN,
    predictions,
    correct,
    count,
    latency: { medianMs: percentile(times, 0.5), p90Ms: percentile(times, 0.9), samples: latencySamples },
    inputType: session.input.type,
    outputType: session.output.type,
    input: session.input,
    output: session.output,
    engine,
    inputRange,
    imagesPerRun: batched ? SCORING_BATCH : 1,
  };
}

/**
 * Classifies one image with a .tflite.
 * @param image [784] pixel intensities in [0, 1], row-major 28 x 28
 * @param inputRange pixel range fed to the model (default: what the file's input implies)
 * @returns [10] class scores as the model outputs them (dequantized for integer outputs)
 */
export async function predictTflite(
  bytes: Uint8Array,
  image: Float32Array,
  inputRange?: InputRange,
): Promise<Float32Array> {
  getLiteRtRuntime();
  if (image.length !== 784) throw new Error(`image has ${image.length} values, expected 784`);
  const session = await openCached(bytes);
  checkMnistInput(session);
  const range = inputRange ?? defaultInputRange(bytes);
  return decodeOutput(await session.run(encodeInput(image, session.input, range)), session.output);
}

/**
 * Runs a single-input .tflite of any input shape on `count` inputs one at a time and returns its outputs
 * ([count, outputs] flattened, dequantized) with each run's time: what the agreement with a float model
 * needs when there are no labels (the user's images, a 224x224x3 model).
 * @param inputs [count, ...input shape] floats in the range the model expects, flattened
 * @param threads XNNPACK threads for this file (default: all the loaded build has)
 */
export async function runTfliteOutputs(
  bytes: Uint8Array,
  inputs: Float32Array,
  count: number,
  threads?: number,
): Promise<{ outputs: Float32Array; msPerImage: number[]; engine: string }> {
  const runtime = getLiteRtRuntime();
  const engine = describeEngine(runtime.variant, usableThreads(runtime, threads));
  const session = await openCached(bytes, threads);
  const per = session.inputSize;
  if (inputs.length !== count * per)
    throw new Error(`inputs have ${inputs.length} values, expected ${count} x ${per} for '${session.input.name}'`);
  const rows: Float32Array[] = [];
  const msPerImage: number[] = [];
  for (let i = 0; i < count; i++) {
    const encoded = encodeInput(inputs.subarray(i * per, (i + 1) * per), session.input);
    const started = performance.now();
    const raw = await session.run(encoded);
    msPerImage.push(performance.now() - started);
    rows.push(decodeOutput(raw, session.output));
  }
  const outputs = new Float32Array(rows.reduce((a, r) => a + r.length, 0));
  let at = 0;
  for (const r of rows) {
    outputs.set(r, at);
    at += r.length;
  }
  return { outputs, msPerImage, engine };
}

/**
 * runTfliteOutputs for `mode`'s file, on the XNNPACK threads its kernels gain from (lab-modes.ts
 * runtimeThreadLimit): what runUnlabelledModes calls the runtime with.
 */
export function runModeOutputs(
  bytes: Uint8Array,
  inputs: Float32Array,
  count: number,
  mode: QuantMode,
): ReturnType<typeof runTfliteOutputs> {
  return runTfliteOutputs(bytes, inputs, count, runtimeThreadLimit(mode));
}
