import { describe, expect, it } from 'vitest';
import {
  BUILTIN_OPERATOR_NAMES,
  BUILTIN_OPTIONS_NAMES,
  BuiltinOperator,
  BuiltinOptions,
  TENSOR_TYPE_BYTES,
  TENSOR_TYPE_NAMES,
  TensorType,
} from './schema';

describe('schema tables agree with each other and with schema.fbs', () => {
  it('names every builtin code the lab writes at its code', () => {
    for (const [name, code] of Object.entries(BuiltinOperator)) expect(BUILTIN_OPERATOR_NAMES[code]).toBe(name);
    expect(BUILTIN_OPERATOR_NAMES.length).toBe(207);
    expect(BUILTIN_OPERATOR_NAMES[99]).toBe('SQUARED_DIFFERENCE');
    expect(BUILTIN_OPERATOR_NAMES[150]).toBe('GELU');
    expect(BUILTIN_OPERATOR_NAMES[206]).toBe('STABLEHLO_COMPOSITE');
    expect(new Set(BUILTIN_OPERATOR_NAMES).size).toBe(BUILTIN_OPERATOR_NAMES.length);
  });

  it('names every options union member the lab writes at its type id', () => {
    for (const [name, id] of Object.entries(BuiltinOptions)) expect(BUILTIN_OPTIONS_NAMES[id]).toBe(name);
    expect(BUILTIN_OPTIONS_NAMES[BUILTIN_OPTIONS_NAMES.length - 1]).toBe('RightShiftOptions');
    expect(BUILTIN_OPTIONS_NAMES.length).toBe(127); // NONE + 126 members, the union's last before BuiltinOptions2
  });

  it('lists tensor types in id order with element sizes', () => {
    TENSOR_TYPE_NAMES.forEach((name, id) => expect(TensorType[name as keyof typeof TensorType]).toBe(id));
    expect(TENSOR_TYPE_BYTES.length).toBe(TENSOR_TYPE_NAMES.length);
    expect(TENSOR_TYPE_BYTES[TensorType.INT64]).toBe(8);
    expect(TENSOR_TYPE_BYTES[TensorType.INT8]).toBe(1);
  });
});
