import { describe, expect, it } from 'vitest';
import { modelToGraph } from '../graph/model-to-graph';
import { randomWeights } from '../graph/random-weights';
import { DEFAULT_RECIPE } from '../quant/recipe';
import { QUANT_MODES, storesInt4Weights } from '../modes/lab-modes';
import { quantizeModel } from '../quant/quantize-graph';
import { weightLayers } from './weight-layers';

/** Random images in [0, 1] as a stand-in representative set (weights do not depend on it). */
function noiseImages(n: number): Float32Array {
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = ((i * 2654435761) % 1000) / 1000;
  return x;
}

describe('weightLayers', () => {
  const floatGraph = modelToGraph({ preset: 'tutorial', weights: randomWeights('tutorial', 3) });
  it.each(QUANT_MODES)('%s: dequantized weights stay within half a quantization step of the float weights', (mode) => {
    const { graph } = quantizeModel(floatGraph, noiseImages(8), { ...DEFAULT_RECIPE, mode, calibrationSamples: 8 });
    const layers = weightLayers(floatGraph, graph);
    expect(layers.map((l) => l.name)).toHaveLength(2);
    for (const layer of layers) {
      expect(layer.quantized.length).toBe(layer.float.length);
      let maxAbs = 0;
      let maxErr = 0;
      for (let i = 0; i < layer.float.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(layer.float[i]));
        maxErr = Math.max(maxErr, Math.abs(layer.float[i] - layer.quantized[i]));
      }
      // int4 modes: a 4-bit grid (qmax 7) whether stored as INT4 or (depthwise) int8.
      const qmax = storesInt4Weights(mode) ? 7 : 127;
      const integer = layer.storedAs === 'int8' || layer.storedAs === 'int4';
      const bound = integer ? maxAbs / qmax / 2 + 1e-7 : layer.storedAs === 'float16' ? maxAbs / 1024 : 0;
      expect(maxErr).toBeLessThanOrEqual(bound);
      if (mode === 'float32') expect(layer.storedAs).toBe('float32');
    }
  });

  it('dynamic range leaves the 108-weight conv in float (below 1,024 elements) and quantizes the dense layer', () => {
    const { graph } = quantizeModel(floatGraph, noiseImages(1), { ...DEFAULT_RECIPE, mode: 'dynamic' });
    expect(weightLayers(floatGraph, graph).map((l) => l.storedAs)).toEqual(['float32', 'int8']);
  });
});
