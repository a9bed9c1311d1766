/**
 * The core's errors that carry what went wrong as data: a coded problem (a `code` and its fields), with the
 * problem's English sentence as the message. The page writes the sentence in its own language from the problem
 * (src/ui/i18n/core-text.ts), and the worker bridge keeps `problem` across threads (src/bridge/coded-errors.ts).
 */

/** A problem as the core codes it: a code and the data its sentence needs. */
export interface CodedProblem {
  readonly code: string;
}

/** An error whose `problem` says what went wrong; `message` is the problem's English sentence. */
export abstract class CodedError<P extends CodedProblem> extends Error {
  constructor(
    readonly problem: P,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The coded problem a thrown value carries, or undefined. Duck-typed rather than `instanceof`: an error that
 * crossed a worker boundary arrives as a plain Error with the `problem` field copied onto it.
 */
export function problemOf(e: unknown): CodedProblem | undefined {
  const p = typeof e === 'object' && e !== null ? (e as { problem?: unknown }).problem : undefined;
  return typeof p === 'object' && p !== null && typeof (p as { code?: unknown }).code === 'string'
    ? (p as CodedProblem)
    : undefined;
}
