import { describe, expect, it } from 'vitest';
import { QAT_FIELDS } from '../qat/qat-settings';
import { COMPRESS_FIELDS } from '../compress/compress-fields';
import { RECIPE_FIELDS } from '../quant/recipe';
import { TRAIN_FIELDS } from '../train/settings';
import {
  defaultsOf,
  describeBounds,
  groupFromQuery,
  groupToQuery,
  isValid,
  parseFieldText,
  validateGroup,
  type Field,
} from './fields';

const GROUPS = { train: TRAIN_FIELDS, recipe: RECIPE_FIELDS, qat: QAT_FIELDS, compress: COMPRESS_FIELDS } as Record<
  string,
  Record<string, Field>
>;

describe('settings declarations', () => {
  it.each(Object.entries(GROUPS))('%s: every default is valid under its own bounds', (_name, group) => {
    for (const [key, f] of Object.entries(group)) expect(isValid(f, f.default), key).toBe(true);
  });

  it('no two fields share a CLI name or a URL key', () => {
    const fields = Object.values(GROUPS).flatMap((g) => Object.values(g));
    expect(new Set(fields.map((f) => f.cli)).size).toBe(fields.length);
    expect(new Set(fields.map((f) => f.url)).size).toBe(fields.length);
  });

  it.each<[Field, string, unknown]>([
    [TRAIN_FIELDS.epochs, '3', 3],
    [TRAIN_FIELDS.learningRate, '0.01', 0.01],
    [TRAIN_FIELDS.optimizer, 'sgd', 'sgd'],
    [RECIPE_FIELDS.perChannel, 'false', false],
    [RECIPE_FIELDS.perChannel, '1', true],
  ])('parses %#', (f, text, value) => {
    expect(parseFieldText(f, text)).toBe(value);
  });

  it.each<[Field, string]>([
    [TRAIN_FIELDS.epochs, '0'],
    [TRAIN_FIELDS.epochs, '1.5'],
    [TRAIN_FIELDS.epochs, ''],
    [TRAIN_FIELDS.learningRate, '0'],
    [TRAIN_FIELDS.optimizer, 'lion'],
    [RECIPE_FIELDS.percentile, '50'],
    [RECIPE_FIELDS.perChannel, 'maybe'],
  ])('rejects %# with a sentence naming the field and its bounds', (f, text) => {
    expect(() => parseFieldText(f, text)).toThrow(`${f.label.toLowerCase()} must be ${describeBounds(f)}`);
  });

  it('validation lists every bad field', () => {
    const bad = { ...defaultsOf(TRAIN_FIELDS), epochs: 0, batchSize: 1.5 };
    expect(validateGroup(TRAIN_FIELDS, bad)).toEqual([
      'epochs must be an integer from 1 to 100 (got 0)',
      'batch size must be an integer from 1 to 4096 (got 1.5)',
    ]);
  });

  it('the URL form holds only non-defaults and round-trips', () => {
    const values = { ...defaultsOf(RECIPE_FIELDS), perChannel: false, percentile: 99.9 };
    const params = new URLSearchParams();
    groupToQuery(RECIPE_FIELDS, values, params);
    expect(params.toString()).toBe('pct=99.9&pc=false');
    expect(groupFromQuery(RECIPE_FIELDS, params)).toEqual(values);
  });
});
