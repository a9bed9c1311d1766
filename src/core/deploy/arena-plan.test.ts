import { describe, expect, it } from 'vitest';
import { inspectTflite } from '../tflite/read-tflite';
import { smallFloat16Graph, tutorialFloatGraph } from '../tflite/testing/graph-fixtures';
import { writeTflite } from '../tflite/write-tflite';
import { planArena } from './arena-plan';
import { planGreedy } from './greedy-planner';
import { liveTensorSeries } from './live-tensors';

describe('planGreedy', () => {
  it('places the largest first and fills a gap left by a buffer that is no longer live', () => {
    // A 100 B live [0,1], B 50 B [1,2], C 50 B [2,3]. A at 0; B overlaps A in time -> 100; C overlaps B only,
    // and the gap below B (0..100) holds it -> 0. Peak 150, not 200.
    const plan = planGreedy([
      { size: 100, first: 0, last: 1 },
      { size: 50, first: 1, last: 2 },
      { size: 50, first: 2, last: 3 },
    ]);
    expect(plan.offsets).toEqual([0, 100, 0]);
    expect(plan.peak).toBe(150);
  });

  it('stacks buffers that are all live together', () => {
    const plan = planGreedy([
      { size: 16, first: 0, last: 2 },
      { size: 32, first: 1, last: 2 },
      { size: 48, first: 2, last: 2 },
    ]);
    expect(plan.offsets).toEqual([80, 48, 0]);
    expect(plan.peak).toBe(96);
  });
});

describe('planArena on a file written by the lab', () => {
  it('matches a plan computed by hand for the small float16 graph', () => {
    // smallFloat16Graph: 4 DEQUANTIZE ops (steps 1-4), CONV_2D 5, MAX_POOL_2D 6, RESHAPE 7, FC 8, SOFTMAX 9.
    // Planned tensors (float32, bytes -> aligned to 16) and lifetimes [first, last]:
    //   input [1,5,5,1] 100 -> 112 [0,5]   conv/w [2,3,3,1] 72 -> 80 [1,5]   conv/b [2] 8 -> 16 [2,5]
    //   dense/w [3,8] 96 -> 96 [3,8]       dense/b [3] 12 -> 16 [4,8]        conv [1,3,3,2] 72 -> 80 [5,6]
    //   pool [1,2,2,2] 32 [6,7]            flatten [1,8] 32 [7,8]            dense [1,3] 16 [8,9]   probs 16 [9,9]
    // Largest first: input@0, dense/w@112, conv/w@208, conv@288 (all overlap step 5), pool@0 (input is dead at
    // 6), flatten@32 (pool lives at 7), conv/b@368, dense/b@384, dense@0, probs@16. Peak: 384 + 16 = 400, which
    // is also everything live at step 5 (112 + 80 + 16 + 96 + 16 + 80).
    const plan = planArena(inspectTflite(writeTflite(smallFloat16Graph())));
    const at = Object.fromEntries(plan.tensors.map((t) => [t.name, [t.offset, t.alignedBytes, t.first, t.last]]));
    expect(at).toEqual({
      input: [0, 112, 0, 5],
      'conv/w': [208, 80, 1, 5],
      'conv/b': [368, 16, 2, 5],
      'dense/w': [112, 96, 3, 8],
      'dense/b': [384, 16, 4, 8],
      conv: [288, 80, 5, 6],
      pool: [0, 32, 6, 7],
      flatten: [32, 32, 7, 8],
      dense: [0, 16, 8, 9],
      probs: [16, 16, 9, 9],
    });
    expect(plan.arenaBytes).toBe(400);
    expect(liveTensorSeries(plan).peakLiveBytes).toBe(400);
  });

  it('never lets two tensors live at the same step overlap in memory, and reaches at least the live peak', () => {
    const plan = planArena(inspectTflite(writeTflite(tutorialFloatGraph())));
    for (const a of plan.tensors) {
      for (const b of plan.tensors) {
        if (a === b || a.first > b.last || b.first > a.last) continue;
        expect(a.offset + a.alignedBytes <= b.offset || b.offset + b.alignedBytes <= a.offset).toBe(true);
      }
    }
    // Tutorial float32: conv output 26*26*12*4 = 32,448 B and pool output 13*13*12*4 = 8,112 B are live together.
    expect(plan.arenaBytes).toBeGreaterThanOrEqual(liveTensorSeries(plan).peakLiveBytes);
    expect(plan.arenaBytes).toBe(32448 + 8112);
  });

  it('gives the chart one row per step and counts only live tensors', () => {
    const plan = planArena(inspectTflite(writeTflite(smallFloat16Graph())));
    const series = liveTensorSeries(plan);
    expect(series.rows.map((r) => r.step)).toEqual(plan.steps);
    expect(series.rows[0]!.liveBytes).toBe(112);
    expect(series.rows[9]!.liveBytes).toBe(32);
  });
});
