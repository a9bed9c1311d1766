/**
 * Command-line options, derived from the settings declarations (src/core/*: TRAIN_FIELDS,
 * RECIPE_FIELDS, QAT_FIELDS) plus a few options that exist only here. A new setting is declared once,
 * in its group, and appears in the usage text, the parser and the validation by itself.
 */
import { DEPLOY_TARGETS, parseTarget } from '../src/core/deploy/targets';
import { DEFAULT_MODES, LAB_MODE_IDS, isLabMode, type LabMode } from '../src/core/modes/lab-modes';
import { QAT_FIELDS, type QatTuning } from '../src/core/qat/qat-settings';
import { RECIPE_FIELDS, type RecipeSettings } from '../src/core/quant/recipe';
import { COMPRESS_FIELDS, validateCompressTuning, type CompressTuning } from '../src/core/compress/compress-fields';
import {
  defaultsOf,
  fieldByCli,
  parseFieldText,
  usageLines,
  type Field,
  type FieldGroup,
} from '../src/core/settings/fields';
import { TRAIN_FIELDS, type TrainSettings } from '../src/core/train/settings';
import { INPUT_RANGE_IDS, type ModelInputRange } from '../src/core/import/calibration-pixels';
import { PIXEL_CHOICES, type PixelChoice } from '../src/core/import/raw-pixels';

export interface CliOptions {
  train: TrainSettings;
  recipe: RecipeSettings;
  qat: QatTuning;
  modes: LabMode[];
  out: string;
  backend: 'wasm' | 'cpu';
  /** Deployment target id (src/core/deploy/targets.ts): adds a `deploy` object to each mode in report.json. */
  target?: string;
  /** Also write <mode>_model_data.h, <mode>_model_data.cc and <mode>_main.cc for TFLite Micro. */
  cSource: boolean;
  /** A model file to import instead of training (Keras .h5 / .keras, TF.js model.json, float32 .tflite). */
  importFile?: string;
  /** --calibration-images: images for an imported model whose input is not MNIST (a folder of PNGs, .npy or raw float32). */
  calibrationImages?: string;
  /** --input-range: the range PNG calibration images are scaled to (src/core/import/calibration-pixels.ts). */
  inputRange: ModelInputRange;
  /** --pixels: how an imported 28x28 model reads pixels (src/core/import/raw-pixels.ts). */
  pixels: PixelChoice;
  help: boolean;
  /** Pruning and clustering after training (src/core/compress/compress-fields.ts). */
  compress: CompressTuning;
  /** --prune-sweep: sparsity levels to prune the trained model to and measure; undefined: no sweep. */
  sweep?: number[];
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The settings groups, each filling one part of CliOptions. */
const GROUPS: { [K in 'train' | 'recipe' | 'qat' | 'compress']: FieldGroup<CliOptions[K]> } = {
  train: TRAIN_FIELDS,
  recipe: RECIPE_FIELDS,
  qat: QAT_FIELDS,
  compress: COMPRESS_FIELDS,
};

interface CliFlag {
  arg: string;
  help: string;
  apply: (o: CliOptions, value: string) => void;
}

/** Options that are not lab settings: what to run, where to write, which backend. */
const FLAGS: Record<string, CliFlag> = {
  modes: {
    arg: 'LIST',
    help: `comma-separated: ${LAB_MODE_IDS.join(',')} (default: ${DEFAULT_MODES.join(',')})`,
    apply: (o, value) => {
      const modes = value
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
      const bad = modes.filter((m) => !isLabMode(m));
      if (modes.length === 0 || bad.length)
        throw new UsageError(
          `--modes: unknown mode(s) ${bad.join(', ') || '(none given)'}; choose from ${LAB_MODE_IDS.join(', ')}`,
        );
      o.modes = [...new Set(modes)] as LabMode[];
    },
  },
  backend: {
    arg: 'NAME',
    help: 'tfjs backend: wasm | cpu (default wasm)',
    apply: (o, value) => {
      if (value !== 'wasm' && value !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${value}"`);
      o.backend = value;
    },
  },
  'prune-sweep': {
    arg: 'LIST',
    help: 'also prune the trained model to each sparsity (e.g. 0,0.5,0.7,0.8,0.9,0.95) and measure every mode',
    apply: (o, value) => {
      const levels = value.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)));
      const bad = levels.filter((l) => !(l >= 0 && l < 1));
      if (levels.length === 0 || bad.length > 0)
        throw new UsageError(`--prune-sweep: sparsities must be at least 0 and below 1, got "${value}"`);
      o.sweep = levels;
    },
  },
  import: {
    arg: 'FILE',
    help: 'quantize this model instead of training one: Keras .h5 or .keras, TF.js model.json (its .bin files beside it), float32 .tflite',
    apply: (o, value) => {
      if (!value) throw new UsageError('--import needs a file');
      o.importFile = value;
    },
  },
  'calibration-images': {
    arg: 'DIR|FILE',
    help: 'for an imported model whose input is not 28x28 grayscale: a folder of PNG images (resized to the input, scaled to --input-range), or [n, h, w, c] as .npy (float32, or uint8 scaled to [0, 1]) or raw float32; scored by agreement with the float model (JPEG is decoded in the page)',
    apply: (o, value) => {
      if (!value) throw new UsageError('--calibration-images needs a folder or a file');
      o.calibrationImages = value;
    },
  },
  'input-range': {
    arg: 'RANGE',
    help: `the value range PNG calibration images are scaled to: ${INPUT_RANGE_IDS.join(', ')} (default 0-1)`,
    apply: (o, value) => {
      if (!INPUT_RANGE_IDS.includes(value as ModelInputRange))
        throw new UsageError(`--input-range: one of ${INPUT_RANGE_IDS.join(', ')}, got "${value}"`);
      o.inputRange = value as ModelInputRange;
    },
  },
  pixels: {
    arg: 'auto|0-1|0-255',
    help: 'the pixels an imported 28x28 model was trained on: 0-255 folds x255 into its first weighted layer; auto (default) does so when [0, 1] pixels score near chance and [0, 255] ones well',
    apply: (o, value) => {
      if (!PIXEL_CHOICES.includes(value as PixelChoice))
        throw new UsageError(`--pixels: one of ${PIXEL_CHOICES.join(', ')}, got "${value}"`);
      o.pixels = value as PixelChoice;
    },
  },
  out: {
    arg: 'DIR',
    help: 'output folder (default out)',
    apply: (o, value) => {
      if (!value) throw new UsageError('--out needs a folder');
      o.out = value;
    },
  },
  target: {
    arg: 'ID',
    help: `deployment check per mode in report.json: ${DEPLOY_TARGETS.map((t) => t.id).join(' | ')} | custom:RAM_KB:FLASH_KB`,
    apply: (o, value) => {
      try {
        o.target = parseTarget(value).id;
      } catch (e) {
        throw new UsageError(`--target: ${(e as Error).message}`);
      }
    },
  },
};

/** Options that take no value. */
const SWITCHES: Record<string, { help: string; apply: (o: CliOptions) => void }> = {
  'c-source': {
    help: 'also write <mode>_model_data.h/.cc and <mode>_main.cc (TFLite Micro) per mode',
    apply: (o) => {
      o.cSource = true;
    },
  },
};

export const USAGE = [
  'Usage: npm run lab -- [options]',
  '',
  'Trains a model on MNIST or Fashion-MNIST (or imports one with --import), quantizes it, writes one .tflite file per mode and report.json.',
  '',
  'Training:',
  ...usageLines(TRAIN_FIELDS),
  'Quantization:',
  ...usageLines(RECIPE_FIELDS),
  'Quantization-aware training (mode qat):',
  ...usageLines(QAT_FIELDS),
  'Pruning and clustering (before quantization):',
  ...usageLines(COMPRESS_FIELDS),
  'Run:',
  ...Object.entries(FLAGS).map(([name, f]) => `${`  --${name} ${f.arg}`.padEnd(28)}${f.help}`),
  ...Object.entries(SWITCHES).map(([name, f]) => `${`  --${name}`.padEnd(28)}${f.help}`),
  `${'  --help'.padEnd(28)}this text`,
].join('\n');

function defaultOptions(): CliOptions {
  return {
    train: defaultsOf(TRAIN_FIELDS),
    recipe: defaultsOf(RECIPE_FIELDS),
    qat: defaultsOf(QAT_FIELDS),
    compress: defaultsOf(COMPRESS_FIELDS),
    modes: [...DEFAULT_MODES],
    out: 'out',
    backend: 'wasm',
    cSource: false,
    help: false,
    inputRange: '0-1',
    pixels: 'auto',
  };
}

/** Sets one option from its flag name (without dashes); throws UsageError naming the flag. */
function applyOption(o: CliOptions, name: string, value: string): void {
  const flag = FLAGS[name];
  if (flag) return flag.apply(o, value);
  for (const [part, group] of Object.entries(GROUPS) as [keyof typeof GROUPS, Readonly<Record<string, Field>>][]) {
    const found = fieldByCli(group, name);
    if (!found) continue;
    try {
      (o[part] as Record<string, unknown>)[found[0]] = parseFieldText(found[1], value);
    } catch (e) {
      throw new UsageError(`--${name}: ${(e as Error).message}`);
    }
    return;
  }
  throw new UsageError(`unknown option --${name}`);
}

/** Parses CLI arguments (`--flag value` or `--flag=value`); throws UsageError with a precise message. */
export function parseCliArgs(argv: string[]): CliOptions {
  const o = defaultOptions();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      o.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const sw = SWITCHES[arg.slice(2)];
    if (sw) {
      sw.apply(o);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg).slice(2);
    if (eq < 0 && i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
    applyOption(o, name, eq > 0 ? arg.slice(eq + 1) : argv[++i]);
  }
  const problems = validateCompressTuning(o.compress, o.train);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return o;
}
