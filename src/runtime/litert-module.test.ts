// Runs in its own process (vitest pool 'forks'), before any loader: LiteRT is not started here.
import { describe, expect, it } from 'vitest';
import { classifyLogLine, describeEngine, getLiteRtRuntime, pickLiteRtVariant, usableThreads } from './litert-module';
import { predictTflite } from './litert-eval';

describe('litert-module', () => {
  it('says how to start LiteRT when it is not loaded', async () => {
    expect(() => getLiteRtRuntime()).toThrow(/LiteRT\.js is not loaded/);
    await expect(predictTflite(new Uint8Array(8), new Float32Array(784))).rejects.toThrow(/LiteRT\.js is not loaded/);
  });

  it.each([
    ['INFO: [environment.cc:36] Creating LiteRT environment with options', 'INFO'],
    ['WARNING: [npu_registry.cc:34] NPU accelerator could not be loaded and registered', 'WARNING'],
    ['ERROR: [litert_compiled_model.cc:164] Failed to allocate tensors', 'ERROR'],
    ['Node number 1 (FULLY_CONNECTED) failed to prepare.', 'ERROR'],
  ])('classifies %s', (text, level) => {
    expect(classifyLogLine(text).level).toBe(level);
  });

  it.each([
    // relaxedSimd, wasmThreads, crossOriginIsolated, wantThreads -> variant
    [true, true, true, true, 'threaded'],
    [true, true, true, false, 'relaxedSimd'],
    [true, true, false, true, 'relaxedSimd'],
    [true, false, true, true, 'relaxedSimd'],
    [false, true, true, true, 'compat'],
    [false, false, false, false, 'compat'],
  ] as const)(
    'relaxed SIMD %s, threads %s, isolated %s, asked %s: %s',
    (relaxedSimd, wasmThreads, isolated, want, v) => {
      expect(pickLiteRtVariant({ relaxedSimd, wasmThreads, crossOriginIsolated: isolated, wantThreads: want })).toBe(v);
    },
  );

  it.each([
    // build's threads, requested -> used
    [2, undefined, 2],
    [2, 1, 1],
    [2, 4, 2],
    [1, undefined, 1],
    [1, 2, 1],
    [2, 0, 1],
  ])('a build on %s threads asked for %s compiles on %s', (threads, requested, used) => {
    expect(usableThreads({ threads }, requested)).toBe(used);
  });

  it('names the build and the threads a file ran on', () => {
    expect(describeEngine('threaded', 1)).toMatch(
      /^LiteRT\.js [\d.]+ \(wasm relaxed-SIMD threaded, XNNPACK, 1 thread\)$/,
    );
    expect(describeEngine('relaxedSimd', 2)).toContain('relaxed-SIMD, XNNPACK, 2 threads');
  });
});
