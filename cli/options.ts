import { PRESET_IDS, isPresetId } from '../src/core/model/presets';
import {
  applyCompressOption,
  COMPRESS_USAGE,
  DEFAULT_CLI_COMPRESS,
  validateCompressOptions,
  type CliCompressOptions,
} from './compress-options';
import {
  DEFAULT_TRAIN_SETTINGS,
  validateTrainSettings,
  type OptimizerName,
  type TrainSettings,
} from '../src/core/train/settings';

/** Mode names accepted by --modes (the same names the report and the UI use). */
export const CLI_MODES = ['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8', 'qat'] as const;
export type CliMode = (typeof CLI_MODES)[number];
export const CLI_CALIBRATION_METHODS = ['minmax', 'percentile', 'mse'] as const;
export type CliCalibrationMethod = (typeof CLI_CALIBRATION_METHODS)[number];

export interface CliOptions {
  train: TrainSettings;
  out: string;
  modes: CliMode[];
  calibration: number;
  calibrationMethod: CliCalibrationMethod;
  qatEpochs: number;
  backend: 'wasm' | 'cpu';
  help: boolean;
  /** Pruning, clustering and the sparsity sweep (cli/compress-options.ts). */
  compress: CliCompressOptions;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run lab -- [options]

Trains a model on MNIST, quantizes it, writes one .tflite file per mode and report.json.

  --preset NAME             ${PRESET_IDS.join(' | ')} (default ${DEFAULT_TRAIN_SETTINGS.preset})
  --epochs N                training epochs (default ${DEFAULT_TRAIN_SETTINGS.epochs})
  --batch-size N            (default ${DEFAULT_TRAIN_SETTINGS.batchSize})
  --learning-rate X         (default ${DEFAULT_TRAIN_SETTINGS.learningRate})
  --optimizer NAME          adam | sgd | rmsprop (default ${DEFAULT_TRAIN_SETTINGS.optimizer})
  --train-limit N           use the first N of 60,000 shuffled training images (default all)
  --seed N                  weight init and shuffle seed (default ${DEFAULT_TRAIN_SETTINGS.seed})
  --modes LIST              comma-separated: ${CLI_MODES.join(',')}
                            (default: all but qat; qat trains further, add it explicitly)
  --calibration N           representative images for calibration (default 100)
  --calibration-method M    ${CLI_CALIBRATION_METHODS.join(' | ')} (default minmax)
  --qat-epochs N            quantization-aware fine-tuning epochs for mode qat (default 1)
${COMPRESS_USAGE}
  --backend NAME            wasm | cpu (default wasm)
  --out DIR                 output folder (default out)
  --help                    this text`;

const DEFAULT_MODES: CliMode[] = ['float32', 'dynamic', 'int8', 'int8-io', 'float16', 'int16x8'];

/** Parses CLI arguments; throws UsageError with a precise message. */
export function parseCliArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    train: { ...DEFAULT_TRAIN_SETTINGS },
    out: 'out',
    modes: DEFAULT_MODES,
    calibration: 100,
    calibrationMethod: 'minmax',
    qatEpochs: 1,
    backend: 'wasm',
    help: false,
    compress: { ...DEFAULT_CLI_COMPRESS },
  };
  const num = (flag: string, v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} needs a number, got "${v}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      o.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      value = argv[++i];
    }
    switch (flag) {
      case '--preset':
        if (!isPresetId(value))
          throw new UsageError(`--preset must be one of ${PRESET_IDS.join(', ')}, got "${value}"`);
        o.train.preset = value;
        break;
      case '--epochs':
        o.train.epochs = num(flag, value);
        break;
      case '--batch-size':
        o.train.batchSize = num(flag, value);
        break;
      case '--learning-rate':
        o.train.learningRate = num(flag, value);
        break;
      case '--optimizer':
        o.train.optimizer = value as OptimizerName;
        break;
      case '--train-limit':
        o.train.trainLimit = num(flag, value);
        break;
      case '--seed':
        o.train.seed = num(flag, value);
        break;
      case '--out':
        if (!value) throw new UsageError('--out needs a folder');
        o.out = value;
        break;
      case '--modes': {
        const modes = value
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean);
        const bad = modes.filter((m) => !(CLI_MODES as readonly string[]).includes(m));
        if (modes.length === 0 || bad.length)
          throw new UsageError(
            `--modes: unknown mode(s) ${bad.join(', ') || '(none given)'}; choose from ${CLI_MODES.join(', ')}`,
          );
        o.modes = [...new Set(modes)] as CliMode[];
        break;
      }
      case '--calibration': {
        const n = num(flag, value);
        if (!Number.isInteger(n) || n < 1 || n > 60000)
          throw new UsageError(`--calibration must be an integer from 1 to 60000, got ${value}`);
        o.calibration = n;
        break;
      }
      case '--calibration-method':
        if (!(CLI_CALIBRATION_METHODS as readonly string[]).includes(value)) {
          throw new UsageError(
            `--calibration-method must be one of ${CLI_CALIBRATION_METHODS.join(', ')}, got "${value}"`,
          );
        }
        o.calibrationMethod = value as CliCalibrationMethod;
        break;
      case '--qat-epochs': {
        const n = num(flag, value);
        if (!Number.isInteger(n) || n < 1 || n > 20)
          throw new UsageError(`--qat-epochs must be an integer from 1 to 20, got ${value}`);
        o.qatEpochs = n;
        break;
      }
      case '--backend':
        if (value !== 'wasm' && value !== 'cpu') throw new UsageError(`--backend must be wasm or cpu, got "${value}"`);
        o.backend = value;
        break;
      default:
        if (!applyCompressOption(o.compress, flag, value, num, (m) => new UsageError(m)))
          throw new UsageError(`unknown option ${flag}`);
    }
  }
  const problems = [...validateTrainSettings(o.train), ...validateCompressOptions(o.compress, o.train)];
  if (problems.length) throw new UsageError(problems.join('; '));
  return o;
}
