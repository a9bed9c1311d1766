/**
 * One compiled .tflite on LiteRT.js's CPU (XNNPACK) path, fed and read as raw bytes.
 *
 * Why not `loadAndCompile` + `Tensor`: the public classes map every tensor to a JS dtype and only know
 * float32, int32 and uint8, so `loadAndCompile` itself throws (`Element type INT8 is not supported`)
 * while describing an int8-I/O model's signature, and so does wrapping an int8 output buffer in a
 * `Tensor`. The embind API underneath (`LiteRt.liteRtWasm`, typed in `@litertjs/core`'s d.ts) is
 * type-agnostic: `LiteRtTensorBuffer.createManaged` takes any element type, `lock()` gives the host
 * address of its bytes, and `LiteRtCompiledModel.run` takes and returns such buffers. We do exactly
 * what the library's own `Tensor` does with it (createManaged, lock, copy through HEAPU8, unlock),
 * for every element type.
 */
import { CodedError } from '../core/errors/coded-error';
import { getLiteRtRuntime, usableThreads, withLiteRtErrors, type LiteRtWasm } from './litert-module';
import { englishRuntimeProblem, liteRtProblem, type LiteRtStage, type RuntimeProblem } from './runtime-errors';
import { readTfliteIo, type IoTensorInfo } from './tflite-io';

type WasmModel = ReturnType<LiteRtWasm['loadModel']>;
type WasmCompiledModel = Awaited<ReturnType<LiteRtWasm['compileModel']>>;
type WasmTensorBuffer = ReturnType<LiteRtWasm['LiteRtTensorBuffer']['createManaged']>;

/** Byte width of each I/O type, for checking buffer sizes. */
const BYTES_PER_ELEMENT = { float32: 4, int32: 4, uint8: 1, int16: 2, int8: 1 } as const;

/** An error LiteRT reported (as a thrown error or only as an ERROR log line). */
export class LiteRtError extends CodedError<RuntimeProblem> {
  override name = 'LiteRtError';

  /**
   * @param problem what went wrong (see runtime-errors.ts)
   * @param detail what LiteRT.js itself said, source paths included: for developers and logs, never the page
   */
  constructor(
    problem: RuntimeProblem,
    readonly detail = '',
  ) {
    super(problem, englishRuntimeProblem(problem));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Fails when LiteRT logged an ERROR line, e.g. `Failed to allocate tensors` (outputs would be garbage). */
function throwOnLoggedErrors(stage: LiteRtStage, errors: string[]): void {
  if (errors.length > 0) throw new LiteRtError(liteRtProblem(stage, errors.join(' | ')), errors.join(' | '));
}

/** The file's view of an I/O tensor must match LiteRT's, or we would feed it the wrong bytes. */
function checkSize(role: string, runtimeBytes: number, info: IoTensorInfo): void {
  const fileBytes = info.shape.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT[info.type];
  if (runtimeBytes !== fileBytes) {
    throw new LiteRtError({ code: 'litert-io-size', role, tensor: info.name, runtimeBytes, fileBytes });
  }
}

/**
 * A model loaded and compiled for the wasm (CPU) accelerator with one input and one output.
 * Call `delete()` when done: it frees wasm memory.
 */
export class LiteRtModelSession {
  private deleted = false;

  private constructor(
    private readonly wasm: LiteRtWasm,
    private readonly modelPtr: number,
    private readonly model: WasmModel,
    private readonly compiled: WasmCompiledModel,
    private readonly inputBuffer: WasmTensorBuffer,
    /** Input tensor as the file declares it (type, shape, quantization). */
    readonly input: IoTensorInfo,
    /** Output tensor as the file declares it. */
    readonly output: IoTensorInfo,
  ) {}

  /**
   * Loads and compiles `bytes` (a .tflite file) for XNNPACK on `threads` threads (default: all the loaded
   * build has, 1 for a single-threaded build; never more).
   * @throws TfliteFormatError for bytes that are not a .tflite; LiteRtError when LiteRT rejects the model.
   */
  static async open(bytes: Uint8Array, threads?: number): Promise<LiteRtModelSession> {
    const io = readTfliteIo(bytes);
    if (io.inputs.length !== 1 || io.outputs.length !== 1) {
      throw new LiteRtError({ code: 'litert-io-count', inputs: io.inputs.length, outputs: io.outputs.length });
    }
    const runtime = getLiteRtRuntime();
    const { wasm, environment } = runtime;
    const modelPtr = wasm._malloc(bytes.byteLength);
    wasm.HEAPU8.set(bytes, modelPtr);
    let model: WasmModel | undefined;
    let compiled: WasmCompiledModel | undefined;
    try {
      const loaded = await withLiteRtErrors(() => wasm.loadModel(environment, modelPtr, bytes.byteLength));
      model = loaded.result;
      throwOnLoggedErrors('load the model', loaded.errors);
      if (!model) throw new LiteRtError({ code: 'litert-no-model' });
      const options = {
        accelerator: 'wasm',
        cpuOptions: { numThreads: usableThreads(runtime, threads) },
        gpuOptions: {},
        webNNOptions: {},
      } as const;
      const done = await withLiteRtErrors(() => wasm.compileModel(environment, model!, options));
      compiled = done.result;
      throwOnLoggedErrors('compile the model', done.errors);
      const inputType = model.getInputTensorType(0, 0);
      const outputType = model.getOutputTensorType(0, 0);
      const inputBytes = inputType.bytes();
      const outputBytes = outputType.bytes();
      outputType.delete();
      try {
        checkSize('input', inputBytes, io.inputs[0]!);
        checkSize('output', outputBytes, io.outputs[0]!);
        const inputBuffer = wasm.LiteRtTensorBuffer.createManaged(
          environment,
          wasm.LiteRtTensorBufferType.HOST_MEMORY,
          inputType,
          inputBytes,
        );
        return new LiteRtModelSession(wasm, modelPtr, model, compiled, inputBuffer, io.inputs[0]!, io.outputs[0]!);
      } finally {
        inputType.delete();
      }
    } catch (error) {
      compiled?.delete();
      model?.delete();
      wasm._free(modelPtr);
      if (error instanceof Error && (error.name === 'LiteRtError' || error.name === 'TfliteFormatError')) throw error;
      throw new LiteRtError(liteRtProblem('load and compile the model', describe(error)), describe(error));
    }
  }

  /** Number of elements of the input tensor (784 for the lab's models). */
  get inputSize(): number {
    return this.input.shape.reduce((a, b) => a * b, 1);
  }

  /**
   * Runs the model once. `input` holds the input tensor's bytes (little-endian, the file's element
   * type); returns a copy of the output tensor's bytes. Throws if LiteRT logs an error (it can return
   * garbage outputs after `Failed to allocate tensors`).
   */
  async run(input: Uint8Array): Promise<Uint8Array> {
    if (this.deleted) throw new LiteRtError({ code: 'litert-deleted' });
    const { wasm } = this;
    const lockModes = wasm.LiteRtTensorBufferLockMode;
    const writePtr = this.inputBuffer.lock(lockModes.WRITE);
    try {
      if (input.byteLength !== this.inputBuffer.size()) {
        throw new LiteRtError({
          code: 'litert-input-size',
          bytes: input.byteLength,
          expected: this.inputBuffer.size(),
        });
      }
      wasm.HEAPU8.set(input, writePtr);
    } finally {
      this.inputBuffer.unlock();
    }
    const { result: outputs, errors } = await withLiteRtErrors(() => this.compiled.run(0, [this.inputBuffer]));
    try {
      throwOnLoggedErrors('run the model', errors);
      const output = outputs[0];
      if (!output || outputs.length !== 1)
        throw new LiteRtError({ code: 'litert-output-count', outputs: outputs.length });
      const readPtr = output.lock(lockModes.READ);
      try {
        return wasm.HEAPU8.slice(readPtr, readPtr + output.size());
      } finally {
        output.unlock();
      }
    } finally {
      for (const buffer of outputs) buffer.delete();
    }
  }

  /** Frees the compiled model, the model and its bytes in wasm memory. Safe to call twice. */
  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.inputBuffer.delete();
    this.compiled.delete();
    this.model.delete();
    this.wasm._free(this.modelPtr);
  }
}
