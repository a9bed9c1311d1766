import { describe, expect, it } from 'vitest';
import { fileEvaluationOf } from './file-evaluation';

const result = {
  accuracy: 0.9,
  count: 10,
  engine: 'test',
  latency: { medianMs: 1, p90Ms: 2, samples: 3 },
  predictions: new Uint8Array(10),
  inputRange: '0-1' as const,
};

describe('fileEvaluationOf', () => {
  it.each([
    [{ status: 'running' }, 'a.tflite', { status: 'running', fileName: 'a.tflite', fraction: 0 }],
    [{ status: 'running', progress: 0.4 }, 'a.tflite', { status: 'running', fileName: 'a.tflite', fraction: 0.4 }],
    [{ status: 'done', result }, 'a.tflite', { status: 'done', fileName: 'a.tflite', result }],
    [{ status: 'failed', message: 'bad' }, 'a.tflite', { status: 'failed', fileName: 'a.tflite', message: 'bad' }],
    [{ status: 'cancelled' }, 'a.tflite', { status: 'idle' }],
    [
      { status: 'failed', message: 'ERROR: [./third_party/odml/litert/litert/cc/litert_layout.h:140] odd' },
      'a.tflite',
      { status: 'failed', fileName: 'a.tflite', message: 'odd' },
    ],
    [{ status: 'done', result }, undefined, { status: 'idle' }],
  ] as const)('%o for %s', (job, fileName, expected) => expect(fileEvaluationOf(job, fileName)).toEqual(expected));
});
