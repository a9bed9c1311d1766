import { describe, expect, it } from 'vitest';
import { DEFAULT_LAB_STATE, stateFromQuery, stateToQuery, type LabState } from './lab-state';

describe('lab state URL round trip', () => {
  it.each<[string, LabState]>([
    ['defaults', DEFAULT_LAB_STATE],
    [
      'every field changed',
      {
        backend: 'wasm',
        quant: {
          modes: ['int8', 'float16'],
          calibrationSamples: 300,
          calibrationMethod: 'mse',
          percentile: 99.9,
          perChannel: false,
          fcPerChannel: true,
          dynamicMinElements: 0,
          weightBits: 4,
          crossLayerEqualization: true,
          biasCorrection: true,
          adaround: false,
        },
        qat: { epochs: 2, learningRate: 0.0005 },
        deployTarget: 'custom:96:512',
        compress: {
          pruneSparsity: 0.5,
          pruneInitialSparsity: 0.1,
          pruneEpochs: 3,
          pruneSchedule: 'constant',
          pruneLayers: 'dense',
          fineTuneImages: 3000,
          clusters: 8,
          clusterInit: 'linear',
          clusterEpochs: 2,
          preserveSparsity: false,
        },
        train: {
          dataset: 'fashion',
          preset: 'separable',
          epochs: 3,
          batchSize: 64,
          learningRate: 0.005,
          optimizer: 'sgd',
          trainLimit: 5000,
          seed: 42,
          workers: 1,
        },
      },
    ],
  ])('%s', (_, state) => {
    expect(stateFromQuery(stateToQuery(state))).toEqual(state);
  });

  it('defaults encode to an empty query', () => {
    expect(stateToQuery(DEFAULT_LAB_STATE)).toBe('');
  });

  it.each([
    ['epochs=-3'],
    ['preset=resnet'],
    ['opt=lion'],
    ['backend=tpu'],
    ['lr=abc'],
    ['limit=999999'],
    ['cal=0'],
    ['calm=kl'],
    ['pct=20'],
    ['modes=int3'],
    ['pc=maybe'],
    ['qe=0'],
    ['qlr=5'],
    ['target=stm32'],
    ['target=custom:0:0'],
  ])('ignores invalid %s', (q) => {
    expect(stateFromQuery(q)).toEqual(DEFAULT_LAB_STATE);
  });
});
