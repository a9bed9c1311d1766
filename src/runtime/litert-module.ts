/**
 * Owns the one LiteRT.js WebAssembly module of this realm (worker, Node process or test).
 *
 * We do not use `loadLiteRt()`: its loader runs the emscripten script through `importScripts` or a
 * `<script>` tag, which fails in a module worker and does not exist in Node. Instead the caller (the
 * worker's or the CLI's loader) hands us the text of the emscripten script; we evaluate it to get its
 * `ModuleFactory`, instantiate it with our own `locateFile`/`wasmBinary` and log sink, and wrap the
 * module in `@litertjs/core`'s own `LiteRt` class, whose `liteRtWasm` property is the typed embind API
 * (`loadModel`, `compileModel`, `LiteRtTensorBuffer.createManaged`, ...) that the library's public
 * classes are built on.
 */
import { LiteRt } from '@litertjs/core';

/** The embind API of the LiteRT.js wasm module, as typed by `@litertjs/core`. */
export type LiteRtWasm = LiteRt['liteRtWasm'];
type LiteRtEnvironmentHandle = ReturnType<LiteRtWasm['LiteRtEnvironment']['create']>;

/** Version of `@litertjs/core` whose wasm we load (checked against node_modules by a test). */
export const LITERT_VERSION = '2.5.3';

/** The wasm builds shipped by `@litertjs/core` that the lab loads. */
export const LITERT_VARIANTS = {
  /** One thread; needs WebAssembly relaxed SIMD (Chromium 114+). */
  relaxedSimd: 'litert_wasm_internal.js',
  /** One thread, plain SIMD: for engines without relaxed SIMD, e.g. Node 20. */
  compat: 'litert_wasm_compat_internal.js',
  /**
   * Relaxed SIMD with pthreads (XNNPACK's pool on `navigator.hardwareConcurrency` threads): needs a
   * cross-origin isolated realm (SharedArrayBuffer; the site sends COOP/COEP) and starts its pool as
   * classic workers running this script.
   */
  threaded: 'litert_wasm_threaded_internal.js',
} as const;
export type LiteRtVariant = keyof typeof LITERT_VARIANTS;

/** What a realm offers and what its caller wants, for {@link pickLiteRtVariant}. */
export interface LiteRtRealm {
  relaxedSimd: boolean;
  /** WebAssembly threads (shared memory, atomics) validate here. */
  wasmThreads: boolean;
  /** `globalThis.crossOriginIsolated`: SharedArrayBuffer can be made and posted to workers. */
  crossOriginIsolated: boolean;
  /** The caller asked for the threaded build. */
  wantThreads: boolean;
}

/** The build a realm runs: threaded only when asked for and possible (it needs relaxed SIMD too). */
export function pickLiteRtVariant(realm: LiteRtRealm): LiteRtVariant {
  if (!realm.relaxedSimd) return 'compat';
  return realm.wantThreads && realm.wasmThreads && realm.crossOriginIsolated ? 'threaded' : 'relaxedSimd';
}

/** What the emscripten factory accepts from us (a subset of emscripten's `Module` settings). */
export interface EmscriptenModuleArg {
  /** Maps a file name the module asks for (its .wasm) to a URL or path. */
  locateFile?: (file: string, scriptDirectory: string) => string;
  /** The .wasm bytes, when we already have them (skips the module's own fetch/read). */
  wasmBinary?: Uint8Array;
  /** Threaded build only: the classic script its pthread workers run (default: this realm's own script). */
  mainScriptUrlOrBlob?: string;
}

/** The emscripten factory the loader script defines as `ModuleFactory`. */
export type ModuleFactory = (moduleArg: Record<string, unknown>) => Promise<unknown>;

/** Everything needed to start LiteRT.js in this realm. */
export interface LiteRtLoadSource {
  variant: LiteRtVariant;
  /**
   * Gets the variant's emscripten factory: in the browser by importing the ES-module copy of its
   * loader script (no string evaluation, so a strict Content-Security-Policy holds), in Node from
   * the script's text (`factoryFromScript`).
   */
  loadFactory: () => Promise<ModuleFactory>;
  moduleArg: EmscriptenModuleArg;
}

export interface LiteRtRuntime {
  readonly liteRt: LiteRt;
  readonly wasm: LiteRtWasm;
  readonly environment: LiteRtEnvironmentHandle;
  readonly variant: LiteRtVariant;
  /** e.g. `LiteRT.js 2.5.3 (wasm relaxed-SIMD, XNNPACK, 1 thread)`. */
  readonly engine: string;
  /** Threads the build runs XNNPACK on by default (1 unless threaded: its pool, navigator.hardwareConcurrency). */
  readonly threads: number;
}

/** A line LiteRT wrote to stderr. INFO and WARNING lines are kept for debugging only. */
export interface LiteRtLogLine {
  level: 'INFO' | 'WARNING' | 'ERROR';
  text: string;
}

const VARIANT_NAMES: Record<LiteRtVariant, string> = {
  relaxedSimd: 'relaxed-SIMD',
  compat: 'SIMD compat',
  threaded: 'relaxed-SIMD threaded',
};

let runtime: LiteRtRuntime | undefined;
let loading: Promise<LiteRtRuntime> | undefined;
let captured: LiteRtLogLine[] | undefined;
const recentLog: LiteRtLogLine[] = [];

/** Classifies one stderr line of the module (`INFO: [file.cc:12] ...`, `ERROR: ...`, or bare text). */
export function classifyLogLine(text: string): LiteRtLogLine {
  if (text.startsWith('INFO')) return { level: 'INFO', text };
  if (text.startsWith('WARNING')) return { level: 'WARNING', text };
  return { level: 'ERROR', text };
}

function onModuleOutput(text: string, stream: 'stdout' | 'stderr'): void {
  const line: LiteRtLogLine = stream === 'stderr' ? classifyLogLine(text) : { level: 'INFO', text };
  if (captured) captured.push(line);
  recentLog.push(line);
  if (recentLog.length > 200) recentLog.splice(0, recentLog.length - 200);
}

/** The last (up to 200) lines LiteRT logged, for debugging. */
export function getLiteRtLog(): readonly LiteRtLogLine[] {
  return recentLog;
}

/**
 * Runs `fn` and returns what it returned plus the ERROR lines LiteRT logged meanwhile. LiteRT reports
 * some failures only as a log line (e.g. `Failed to allocate tensors`, after which `run()` still returns
 * garbage), so callers must treat these lines as errors.
 */
export async function withLiteRtErrors<T>(fn: () => T | Promise<T>): Promise<{ result: T; errors: string[] }> {
  const previous = captured;
  const lines: LiteRtLogLine[] = [];
  captured = lines;
  try {
    const result = await fn();
    return { result, errors: lines.filter((l) => l.level === 'ERROR').map((l) => l.text) };
  } finally {
    captured = previous;
  }
}

/**
 * Node only: evaluates the emscripten loader script's text and returns its `ModuleFactory`. The
 * script declares `var ModuleFactory = (() => {...})()`; it runs as a function body so the
 * declaration stays local, with `scope` (in Node: CommonJS `require`, `__dirname`, `__filename`) as
 * its free variables. The browser never evaluates strings (see litert-browser.ts).
 */
export function factoryFromScript(
  variant: LiteRtVariant,
  scriptText: string,
  scope: Record<string, unknown>,
): ModuleFactory {
  const names = Object.keys(scope);
  const factory = new Function(...names, `${scriptText}\n;return ModuleFactory;`)(
    ...names.map((n) => scope[n]),
  ) as unknown;
  return checkedFactory(variant, factory);
}

/** Throws a clear error unless `factory` is the loader's factory function. */
export function checkedFactory(variant: LiteRtVariant, factory: unknown): ModuleFactory {
  if (typeof factory !== 'function')
    throw new Error(`LiteRT.js script ${LITERT_VARIANTS[variant]} did not define ModuleFactory`);
  return factory as ModuleFactory;
}

/**
 * Starts LiteRT.js once per realm; later calls return the same runtime (the source of later calls is
 * ignored). Throws if the wasm cannot be fetched or instantiated.
 */
export function initLiteRt(source: LiteRtLoadSource): Promise<LiteRtRuntime> {
  if (runtime) return Promise.resolve(runtime);
  loading ??= (async () => {
    const factory = await source.loadFactory();
    const moduleArg: Record<string, unknown> = {
      ...source.moduleArg,
      printErr: (text: string) => onModuleOutput(text, 'stderr'),
      print: (text: string) => onModuleOutput(text, 'stdout'),
    };
    const module = await factory(moduleArg);
    // LiteRt's constructor calls setupLogging(), routing the C++ logs to our printErr.
    const liteRt = new LiteRt(module as ConstructorParameters<typeof LiteRt>[0]);
    const wasm = liteRt.liteRtWasm;
    const environment = wasm.LiteRtEnvironment.create(null);
    const threads = wasm.getThreadCount();
    const engine = describeEngine(source.variant, threads);
    runtime = { liteRt, wasm, environment, variant: source.variant, engine, threads };
    return runtime;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** e.g. `LiteRT.js 2.5.3 (wasm relaxed-SIMD threaded, XNNPACK, 1 thread)`: the build and the threads a file ran on. */
export function describeEngine(variant: LiteRtVariant, threads: number): string {
  return `LiteRT.js ${LITERT_VERSION} (wasm ${VARIANT_NAMES[variant]}, XNNPACK, ${threads} thread${threads === 1 ? '' : 's'})`;
}

/** The XNNPACK threads a file compiled with `requested` threads gets: at least 1, at most what the build has. */
export function usableThreads(runtime: Pick<LiteRtRuntime, 'threads'>, requested?: number): number {
  return Math.max(1, Math.min(requested ?? runtime.threads, runtime.threads));
}

/** The runtime started by `initLiteRt`; throws a clear error before that. */
export function getLiteRtRuntime(): LiteRtRuntime {
  if (!runtime) throw new Error('LiteRT.js is not loaded: call the loader (worker init or loadLiteRtForNode) first.');
  return runtime;
}
