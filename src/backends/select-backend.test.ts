import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { classifyAdapter, initBackend } from './select-backend';

describe('initBackend in Node', () => {
  it('starts wasm with the training kernels and the single-threaded binary', async () => {
    const choice = await initBackend('wasm');
    expect(choice).toEqual({
      name: 'wasm',
      reason: 'chosen: wasm',
      why: { pick: { code: 'chosen', preference: 'wasm' } },
      adapter: undefined,
    });
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.env().get('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });

  it('starts cpu', async () => {
    expect((await initBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('auto picks wasm when there is no WebGPU and says why', async () => {
    const choice = await initBackend('auto');
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toMatch(/no navigator\.gpu/);
    expect(choice.fallbackFrom).toBeUndefined();
  });

  it('falls back from webgpu to wasm and reports it', async () => {
    const choice = await initBackend('webgpu');
    expect(choice.name).toBe('wasm');
    expect(choice.fallbackFrom).toBe('webgpu');
    expect(choice.reason).toMatch(/webgpu failed: this environment has no navigator.gpu/);
    expect(tf.getBackend()).toBe('wasm');
  });
});

describe('classifyAdapter', () => {
  it.each([
    { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, hardware: false },
    { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: false, hardware: false },
    { vendor: 'mesa', architecture: 'llvmpipe', isFallbackAdapter: false, hardware: false },
    { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false, hardware: true },
    { vendor: 'apple', architecture: 'common-3', isFallbackAdapter: false, hardware: true },
    { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: true, hardware: false },
  ])('$vendor $architecture fallback=$isFallbackAdapter -> hardware $hardware', ({ hardware, ...adapter }) => {
    expect(classifyAdapter(adapter).hardware).toBe(hardware);
  });
});
