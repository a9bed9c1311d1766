import { describe, expect, it } from 'vitest';
import { inspectTflite } from './inspect-tflite';
import {
  defaultOptions,
  LAB_OP_OPTIONS,
  OPTION_TABLES,
  type OptionField,
  type OptionTable,
  type TfliteOptionValue,
} from './op-options';
import { BUILTIN_OPTIONS_NAMES } from './schema';
import { writeTfliteModel } from './write-tflite';

/** A value different from the schema default for each field type (so a wrong field id cannot pass). */
function nonDefault(f: OptionField, k: number): TfliteOptionValue {
  switch (f.type) {
    case 'enum':
      return f.names![((f.default as number) + 1) % f.names!.length]!;
    case 'bool':
      return !f.default;
    case 'ints':
      return [k + 1, -1, 7];
    case 'float':
      return 0.25 + k;
    default:
      return (f.default as number) + 2 + k;
  }
}

/** One op carrying `table` with `values`, written and read back by the inspector. */
function roundTrip(table: OptionTable, values: Record<string, TfliteOptionValue>) {
  const bytes = writeTfliteModel({
    tensors: [{ name: 'x', shape: [1], dtype: 'float32' }],
    ops: [{ opName: 'ADD', version: 1, inputs: [0, 0], outputs: [0], options: { table, values } }],
    inputs: [0],
    outputs: [0],
    description: 'options test',
    metadata: [],
  });
  return inspectTflite(bytes).subgraphs[0]!.ops[0]!;
}

describe('per-op options declared once', () => {
  it.each(Object.values(OPTION_TABLES).map((t) => [t.name, t] as const))('%s round-trips', (_, table) => {
    expect(BUILTIN_OPTIONS_NAMES[table.typeId]).toBe(table.name);
    const values = Object.fromEntries(table.fields.map((f, k) => [f.name, nonDefault(f, k)]));
    const op = roundTrip(table, values);
    expect(op.optionsType).toBe(table.name);
    for (const f of table.fields) {
      const got = op.options![f.name];
      if (f.type === 'float') expect(got).toBeCloseTo(values[f.name] as number, 6);
      else expect(got).toEqual(values[f.name]);
    }
    // An empty table reads as the schema defaults.
    expect(roundTrip(table, {}).options).toEqual(defaultOptions(table));
  });

  it('field ids within a table are distinct', () => {
    for (const t of Object.values(OPTION_TABLES)) expect(new Set(t.fields.map((f) => f.id)).size).toBe(t.fields.length);
  });

  it("maps each lab op's IR fields to fields of its table", () => {
    for (const [kind, decl] of Object.entries(LAB_OP_OPTIONS)) {
      const names = (decl.table?.fields ?? []).map((f) => f.name);
      for (const field of [...Object.values(decl.fields), ...Object.keys(decl.allowed ?? {})]) {
        expect(names, `${kind}.${field}`).toContain(field);
      }
    }
  });

  it('uses the schema defaults the runtime assumes (dilation 1, pot_scale_int16 true)', () => {
    expect(defaultOptions(OPTION_TABLES.Conv2DOptions!)).toMatchObject({
      padding: 'SAME',
      dilation_w_factor: 1,
      dilation_h_factor: 1,
      quantized_bias_type: 'FLOAT32',
    });
    expect(defaultOptions(OPTION_TABLES.AddOptions!)).toEqual({
      fused_activation_function: 'NONE',
      pot_scale_int16: true,
    });
  });
});
