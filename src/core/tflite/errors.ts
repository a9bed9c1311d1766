/**
 * The one error type the .tflite reader throws, whatever the input bytes (Netron's habit: a format-specific
 * error whose message says what was expected and where). What went wrong is data (`problem`, format-problem.ts);
 * the message is its English sentence.
 */
import { CodedError } from '../errors/coded-error';
import { englishTfliteProblem, type TfliteProblem } from './format-problem';

export class TfliteFormatError extends CodedError<TfliteProblem> {
  override name = 'TfliteFormatError';
  /** Where in the model the problem was found, e.g. `subgraphs[0].tensors[3].shape`; empty when global. */
  readonly context: string;
  /** True when the reader itself failed unexpectedly (a bug) rather than detecting a malformed file. */
  readonly internal: boolean;

  constructor(problem: TfliteProblem, context = '', internal = false) {
    const message = englishTfliteProblem(problem);
    super(problem, context ? `${message} (at ${context})` : message);
    this.context = context;
    this.internal = internal;
  }
}
