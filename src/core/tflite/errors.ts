/**
 * The one error type the .tflite reader throws, whatever the input bytes (Netron's habit: a format-specific
 * error whose message says what was expected and where).
 */
export class TfliteFormatError extends Error {
  /** Where in the model the problem was found, e.g. `subgraphs[0].tensors[3].shape`; empty when global. */
  readonly context: string;
  /** True when the reader itself failed unexpectedly (a bug) rather than detecting a malformed file. */
  readonly internal: boolean;

  constructor(message: string, context = '', internal = false) {
    super(context ? `${message} (at ${context})` : message);
    this.name = 'TfliteFormatError';
    this.context = context;
    this.internal = internal;
  }
}
