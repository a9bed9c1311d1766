import * as tf from '@tensorflow/tfjs-core';
import { registerWasmAdamStepKernel } from './adam-step-kernels';
import { registerWasmCrossEntropyKernel } from './cross-entropy-kernel';
import { registerWasmTrainingKernels } from './wasm-training-kernels';

/**
 * Backend choice at the edge (CLI, worker, page): the core never picks one. Backends are imported
 * on demand so the WebGPU bundle is only loaded when it may be used.
 */

export type BackendPreference = 'auto' | 'webgpu' | 'wasm' | 'cpu';
export type BackendName = 'webgpu' | 'wasm' | 'cpu';

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  /** True for a software adapter the browser offers when no GPU is usable (e.g. SwiftShader). */
  isFallbackAdapter: boolean;
}

/** What the WebGPU probe found (probeWebGpu), as a code. */
export type ProbeCode =
  'no-navigator-gpu' | 'request-failed' | 'no-adapter' | 'fallback-adapter' | 'software-adapter' | 'hardware';

/**
 * Why this backend, as data, for the page's other languages (`reason` is the English sentence): how it was
 * picked, and on a fallback which backends failed (their errors are tfjs's own English messages).
 */
export interface BackendWhy {
  pick:
    | { code: 'auto-webgpu'; adapter: string }
    | { code: 'auto-wasm'; probe: ProbeCode; adapter?: string }
    | { code: 'chosen'; preference: BackendName };
  failed?: { name: BackendName; error: string }[];
}

export interface BackendChoice {
  /** The tfjs backend now active. */
  name: BackendName;
  /** Why this one, in words a learner can read. */
  reason: string;
  /** The same, as data. */
  why: BackendWhy;
  /** Set when the preferred (or automatically chosen) backend failed and this is a fallback. */
  fallbackFrom?: BackendName;
  /** The WebGPU adapter that was probed, when one was. */
  adapter?: AdapterDescription;
}

export interface BackendEnv {
  /**
   * Folder (URL prefix ending in '/') that serves tfjs-backend-wasm's .wasm files. Defaults to
   * '/wasm/tfjs/' in browsers; in Node the package's own dist folder is used unless this is set.
   */
  wasmPath?: string;
}

/** Default folder the app serves the tfjs .wasm binaries from (copied by scripts/copy-wasm.mjs). */
export const BROWSER_WASM_PATH = '/wasm/tfjs/';

const FALLBACK_ORDER: BackendName[] = ['webgpu', 'wasm', 'cpu'];

/**
 * Makes a tfjs backend active and says which and why. 'auto' takes WebGPU only on a real hardware
 * adapter (never a fallback/software one such as SwiftShader), else WASM, else CPU; a backend that
 * fails to start falls back along WebGPU -> WASM -> CPU. Works in Node, module workers and pages.
 */
export async function initBackend(preference: BackendPreference, env: BackendEnv = {}): Promise<BackendChoice> {
  let adapter: AdapterDescription | undefined;
  let first: BackendName;
  let reason: string;
  let pick: BackendWhy['pick'];
  if (preference === 'auto') {
    const probe = await probeWebGpu();
    adapter = probe.adapter;
    const named = probe.adapter && describeAdapter(probe.adapter);
    if (probe.hardware) {
      first = 'webgpu';
      reason = `automatic: WebGPU on a hardware adapter (${describeAdapter(probe.adapter)})`;
      pick = { code: 'auto-webgpu', adapter: named ?? '' };
    } else {
      first = 'wasm';
      reason = `automatic: WASM, because ${probe.why}`;
      pick = { code: 'auto-wasm', probe: probe.code, ...(named && { adapter: named }) };
    }
  } else {
    first = preference;
    reason = `chosen: ${preference}`;
    pick = { code: 'chosen', preference };
  }

  const failures: string[] = [];
  const failed: { name: BackendName; error: string }[] = [];
  for (const name of FALLBACK_ORDER.slice(FALLBACK_ORDER.indexOf(first))) {
    const error = await tryBackend(name, env);
    if (error == null) {
      if (name === first) return { name, reason, why: { pick }, adapter };
      return {
        name,
        fallbackFrom: first,
        adapter,
        reason: `${reason}; fell back to ${name} because ${failures.join('; ')}`,
        why: { pick, failed },
      };
    }
    failures.push(`${name} failed: ${error}`);
    failed.push({ name, error });
  }
  throw new Error(`No tfjs backend could start: ${failures.join('; ')}`);
}

/** Imports, registers and activates one backend; returns an error message, or undefined on success. */
async function tryBackend(name: BackendName, env: BackendEnv): Promise<string | undefined> {
  try {
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const path = env.wasmPath ?? (isNode() ? undefined : BROWSER_WASM_PATH);
      // setWasmPaths throws once the backend has initialised; only the first call can take effect.
      if (path != null && !wasmStarted) wasm.setWasmPaths(path);
      // Always the single-threaded SIMD binary. The threaded one gives no second thread as shipped:
      // tfjs-wasm caps XNNPACK's pool at navigator.hardwareConcurrency / 2 (backend.cc), so 1 on two
      // cores whatever setThreadsCount says; its pthread workers importScripts() a blob: copy of the
      // module, which the site's CSP (script-src without blob:) refuses; and minified builds break
      // that copy. With the first two worked around in an unminified probe page, two threads trained
      // the tutorial CNN to the same loss, 2.6x slower (load 17 on two cores): the pool threads spin.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      registerWasmTrainingKernels();
      registerWasmAdamStepKernel();
      registerWasmCrossEntropyKernel();
      wasmStarted = true;
    } else if (name === 'webgpu') {
      if (!hasNavigatorGpu()) return 'this environment has no navigator.gpu';
      await import('@tensorflow/tfjs-backend-webgpu');
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
    const warnings: string[] = [];
    const ok = await withCapturedWarnings(warnings, () => tf.setBackend(name));
    if (!ok) return warnings.length > 0 ? warnings.join(' ') : `tf.setBackend('${name}') returned false`;
    // A backend can start yet fail on first use (e.g. a lost device): run one tiny op.
    const probe = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)));
    const values = await probe.data();
    probe.dispose();
    if (values[0] !== 2 || values[1] !== 3) return `a test addition gave ${Array.from(values)}`;
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

let wasmStarted = false;

/** tfjs reports backend start-up failures through console.warn; keep them for the reason text. */
async function withCapturedWarnings<T>(sink: string[], f: () => Promise<T>): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    sink.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    original.apply(console, args);
  };
  try {
    return await f();
  } finally {
    console.warn = original;
  }
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return p?.versions?.node != null && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface NavigatorGpuLike {
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
}

function hasNavigatorGpu(): boolean {
  return (globalThis as { navigator?: NavigatorGpuLike }).navigator?.gpu != null;
}

/** Software rasterisers that expose a WebGPU adapter without a GPU. */
const SOFTWARE_ADAPTER = /swiftshader|software|llvmpipe|lavapipe|warp|microsoft basic render/i;

/** Asks navigator.gpu for an adapter and decides whether it is real hardware. */
export async function probeWebGpu(): Promise<{
  hardware: boolean;
  why: string;
  code: ProbeCode;
  adapter?: AdapterDescription;
}> {
  const gpu = (globalThis as { navigator?: NavigatorGpuLike }).navigator?.gpu;
  if (gpu == null)
    return { hardware: false, code: 'no-navigator-gpu', why: 'WebGPU is not available here (no navigator.gpu)' };
  let raw: GpuAdapterLike | null;
  try {
    raw = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return {
      hardware: false,
      code: 'request-failed',
      why: `requesting a WebGPU adapter failed (${(e as Error).message})`,
    };
  }
  if (raw == null) return { hardware: false, code: 'no-adapter', why: 'the browser offers no WebGPU adapter' };
  const adapter = adapterDescription(raw);
  return classifyAdapter(adapter, raw.info?.description ?? '');
}

/** Reads vendor/architecture/isFallbackAdapter from either the new (`info`) or old adapter shape. */
export function adapterDescription(raw: GpuAdapterLike): AdapterDescription {
  return {
    vendor: raw.info?.vendor ?? '',
    architecture: raw.info?.architecture ?? '',
    isFallbackAdapter: Boolean(raw.info?.isFallbackAdapter ?? raw.isFallbackAdapter ?? false),
  };
}

/** A WebGPU adapter counts as hardware unless flagged as fallback or named like a software rasteriser. */
export function classifyAdapter(
  adapter: AdapterDescription,
  description = '',
): { hardware: boolean; why: string; code: ProbeCode; adapter: AdapterDescription } {
  const text = `${adapter.vendor} ${adapter.architecture} ${description}`;
  if (adapter.isFallbackAdapter) {
    return {
      hardware: false,
      adapter,
      code: 'fallback-adapter',
      why: `the only WebGPU adapter is a software fallback (${describeAdapter(adapter)}), slower than WASM`,
    };
  }
  if (SOFTWARE_ADAPTER.test(text)) {
    return {
      hardware: false,
      adapter,
      code: 'software-adapter',
      why: `the WebGPU adapter is a software renderer (${describeAdapter(adapter)}), slower than WASM`,
    };
  }
  return { hardware: true, adapter, code: 'hardware', why: `hardware WebGPU adapter (${describeAdapter(adapter)})` };
}

function describeAdapter(a: AdapterDescription | undefined): string {
  if (a == null) return 'unknown adapter';
  return [a.vendor || 'unknown vendor', a.architecture || 'unknown architecture'].join(', ');
}
