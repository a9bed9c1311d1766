/**
 * Keeps a thrown error's data on its way out of a worker. Comlink sends an Error as its name, message and stack
 * only, and the receiving side copies every field it got onto a new Error; this adds the error's `problem` (the
 * code and data of the core's sentence, e.g. TfliteFormatError's) and `context`, so the page can write the
 * sentence in its own language. Call once in each worker, before Comlink.expose.
 */
import * as Comlink from 'comlink';

type ThrowHandler = Comlink.TransferHandler<{ value: unknown }, { isError: boolean; value: Record<string, unknown> }>;

export function keepErrorData(): void {
  const base = Comlink.transferHandlers.get('throw') as ThrowHandler;
  Comlink.transferHandlers.set('throw', {
    canHandle: base.canHandle,
    deserialize: base.deserialize,
    serialize(thrown: { value: unknown }) {
      const [wire, transfers] = base.serialize(thrown);
      const error = thrown.value as { problem?: unknown; context?: unknown };
      if (wire.isError && error.problem !== undefined) wire.value.problem = structuredClone(error.problem);
      if (wire.isError && typeof error.context === 'string') wire.value.context = error.context;
      return [wire, transfers];
    },
  } satisfies ThrowHandler as Comlink.TransferHandler<unknown, unknown>);
}
