import * as tf from '@tensorflow/tfjs-core';
import type { Graph } from '../core/graph/graph';
import type { MnistSplit } from '../core/mnist/dataset';
import { simulateModel, type SimulatedEvaluation } from '../core/pipeline/convert';
import { runGraphTfjs } from './simulate-tfjs';

/**
 * simulateModel on the tfjs WASM backend through the tfjs twin, falling back to
 * the reference interpreter when no accelerated backend is up or the twin fails; the returned
 * `engine` says which one ran.
 */
export function simulateModelAccelerated(graph: Graph, test: MnistSplit): SimulatedEvaluation {
  const backend = tf.getBackend();
  // WebGPU is left out: its synchronous read-back (dataSync) returns zeros in workers on some adapters.
  if (backend === 'wasm') {
    try {
      return simulateModel(graph, test, {
        runner: (g, input, batch) => runGraphTfjs(g, input, batch).outputs,
        engine: `lab simulation on tfjs-${backend} (bit-exact twin of the TFLite integer arithmetic)`,
      });
    } catch (e) {
      console.warn(`tfjs-${backend} simulation failed, using the reference interpreter: ${(e as Error).message}`);
    }
  }
  return simulateModel(graph, test);
}
