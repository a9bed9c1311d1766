import { describe, expect, it } from 'vitest';
import { ModelImportError } from '../import/model-file';
import { LayerShapeError } from '../model/shape-problem';
import { TfliteFormatError } from '../tflite/errors';
import { CodedError, problemOf } from './coded-error';

describe('CodedError', () => {
  const errors = [
    new ModelImportError({ code: 'import-choose-one' }),
    new LayerShapeError({ code: 'shape-reads', layer: 'dense', input: 'x' }),
    new TfliteFormatError({ code: 'tflite-unsupported-op', op: 'FOO' }, 'subgraphs[0]'),
  ];

  it('keeps each class its name, its English message and its problem', () => {
    for (const e of errors) {
      expect(e).toBeInstanceOf(CodedError);
      expect(e.name).toBe(e.constructor.name);
      expect(e.message.length).toBeGreaterThan(0);
      expect(problemOf(e)).toBe(e.problem);
    }
    expect(errors[2].message).toMatch(/\(at subgraphs\[0\]\)$/);
  });

  it('reads the problem off an error that crossed a worker as plain data', () => {
    const crossed = Object.assign(new Error(errors[1].message), { problem: structuredClone(errors[1].problem) });
    expect(problemOf(crossed)).toEqual(errors[1].problem);
  });

  it('finds no problem where there is none', () => {
    for (const e of [new Error('x'), 'text', null, undefined, { problem: 'x' }, { problem: { code: 3 } }])
      expect(problemOf(e)).toBeUndefined();
  });
});
