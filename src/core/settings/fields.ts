/**
 * Settings declared once, as data (Squoosh's `meta.ts` habit): each field has its bounds, step, default,
 * label and help, and its names on the command line and in the URL. Validation, the forms, CLI parsing
 * and the URL state are all derived from a group of these, so a limit cannot disagree between them.
 */

interface FieldBase<V> {
  label: string;
  /** Learner-facing explanation (form hint, CLI usage). */
  help: string;
  default: V;
  /** Long option without the dashes, e.g. "batch-size" for `--batch-size`. */
  cli: string;
  /** Short URL search-parameter key. */
  url: string;
}

export interface IntegerField extends FieldBase<number> {
  kind: 'integer';
  min: number;
  max: number;
}

export interface NumberField extends FieldBase<number> {
  kind: 'number';
  min: number;
  max: number;
  /** The lower bound itself is not allowed: (min, max]. */
  minExclusive?: boolean;
  step: number;
}

export interface ChoiceField<V extends string = string> extends FieldBase<V> {
  kind: 'choice';
  options: readonly V[];
  /** Display names per option (defaults to the option itself). */
  optionLabels?: Partial<Record<V, string>>;
}

export type BooleanField = FieldBase<boolean> & { kind: 'boolean' };

export type Field = IntegerField | NumberField | ChoiceField | BooleanField;

type FieldFor<V> = [V] extends [boolean]
  ? BooleanField
  : [V] extends [number]
    ? IntegerField | NumberField
    : [V] extends [string]
      ? ChoiceField<V>
      : never;

/** One declaration per field of a settings object T. */
export type FieldGroup<T> = { readonly [K in keyof T]-?: FieldFor<T[K]> };

type Value = number | string | boolean;

/** The part of URLSearchParams the URL state uses (the core has no DOM types). */
export interface QueryParams {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

function entries<T>(group: FieldGroup<T>): [keyof T & string, Field][] {
  return Object.entries(group) as [keyof T & string, Field][];
}

/** The group's defaults as a settings object. */
export function defaultsOf<T>(group: FieldGroup<T>): T {
  return Object.fromEntries(entries(group).map(([k, f]) => [k, f.default])) as T;
}

/** "an integer from 1 to 100", "a number in (0, 10]", "one of adam, sgd, rmsprop", "true or false". */
export function describeBounds(f: Field | FieldBounds): string {
  switch (f.kind) {
    case 'integer':
      return `an integer from ${f.min} to ${f.max}`;
    case 'number':
      return `a number in ${f.minExclusive ? '(' : '['}${f.min}, ${f.max}]`;
    case 'choice':
      return `one of ${f.options.join(', ')}`;
    case 'boolean':
      return 'true or false';
  }
}

/** Whether a value is allowed by its field. */
export function isValid(f: Field, v: unknown): boolean {
  switch (f.kind) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= f.min && v <= f.max;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (f.minExclusive ? v > f.min : v >= f.min) && v <= f.max;
    case 'choice':
      return typeof v === 'string' && (f.options as readonly string[]).includes(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/**
 * A value its field does not allow, as data: the field's key and English label, what the field accepts and the
 * value given. The core writes the English sentence (englishFieldProblem, the CLI); the page writes other
 * languages from the same data and its own field labels.
 */
export interface FieldProblem {
  code: 'setting-invalid';
  key: string;
  label: string;
  bounds: FieldBounds;
  got: string;
}

/** What a field accepts (its kind and limits, without the texts). */
export type FieldBounds =
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; minExclusive: boolean }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'boolean' };

export function boundsOf(f: Field): FieldBounds {
  switch (f.kind) {
    case 'integer':
      return { kind: 'integer', min: f.min, max: f.max };
    case 'number':
      return { kind: 'number', min: f.min, max: f.max, minExclusive: f.minExclusive ?? false };
    case 'choice':
      return { kind: 'choice', options: f.options };
    case 'boolean':
      return { kind: 'boolean' };
  }
}

/** The values a settings object's fields do not allow (empty when valid), in declaration order. */
export function fieldProblems<T>(group: FieldGroup<T>, values: T): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [k, f] of entries(group)) {
    const v = values[k];
    if (!isValid(f, v))
      problems.push({ code: 'setting-invalid', key: k, label: f.label, bounds: boundsOf(f), got: String(v) });
  }
  return problems;
}

/** "epochs must be an integer from 1 to 100 (got 0)". */
export function englishFieldProblem(p: FieldProblem): string {
  return `${p.label.toLowerCase()} must be ${describeBounds(p.bounds)} (got ${p.got})`;
}

/** Human-readable problems with a settings object (empty when valid), e.g. "epochs must be an integer from 1 to 100 (got 0)". */
export function validateGroup<T>(group: FieldGroup<T>, values: T): string[] {
  return fieldProblems(group, values).map(englishFieldProblem);
}

/**
 * Parses the text form of a value (CLI argument, URL parameter, form input); throws an Error whose
 * message is a sentence naming the field and what it accepts.
 */
export function parseFieldText(f: Field, text: string): Value {
  const trimmed = text.trim();
  let v: Value;
  if (f.kind === 'integer' || f.kind === 'number') v = trimmed === '' ? NaN : Number(trimmed);
  else if (f.kind === 'boolean')
    v = trimmed === 'true' || trimmed === '1' ? true : trimmed === 'false' || trimmed === '0' ? false : trimmed;
  else v = trimmed;
  if (!isValid(f, v)) throw new Error(`${f.label.toLowerCase()} must be ${describeBounds(f)}, got "${text}"`);
  return v;
}

/** Writes the fields that differ from the defaults (the fields' own, unless given) into URL search parameters. */
export function groupToQuery<T>(
  group: FieldGroup<T>,
  values: T,
  params: QueryParams,
  defaults: T = defaultsOf(group),
): void {
  for (const [k, f] of entries(group)) {
    if (values[k] !== defaults[k]) params.set(f.url, String(values[k]));
  }
}

/** Reads a group from URL search parameters; a missing or invalid value keeps its default (a shared link never breaks the page). */
export function groupFromQuery<T>(group: FieldGroup<T>, params: QueryParams, defaults: T = defaultsOf(group)): T {
  const out = { ...defaults } as Record<string, Value>;
  for (const [k, f] of entries(group)) {
    const raw = params.get(f.url);
    if (raw === null) continue;
    try {
      out[k] = parseFieldText(f, raw);
    } catch {
      // keep the default
    }
  }
  return out as T;
}

/** Finds the field of a group by its CLI option name (without dashes). */
export function fieldByCli(group: Readonly<Record<string, Field>>, cli: string): [string, Field] | undefined {
  return Object.entries(group).find(([, f]) => f.cli === cli);
}

/** Usage lines for a group: `--batch-size N   help (default 32; an integer from 1 to 4096)`. */
export function usageLines<T>(group: FieldGroup<T>, width = 26): string[] {
  return entries(group).map(([, f]) => {
    const arg = f.kind === 'choice' ? 'NAME' : f.kind === 'boolean' ? 'true|false' : f.kind === 'integer' ? 'N' : 'X';
    const left = `  --${f.cli} ${arg}`.padEnd(width + 2);
    return `${left}${f.help} (default ${String(f.default)}; ${describeBounds(f)})`;
  });
}
