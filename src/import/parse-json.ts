/** JSON in a model file, parsed; JSON.parse's own message becomes the `raw` of an `import-json-unreadable` problem. */
import { rawMessage } from '../core/import/import-problem';
import { ModelImportError } from '../core/import/model-file';

/** Parses `text` from `file` (`entry`: the part of the file holding it, e.g. config.json in a .keras zip). */
export function parseJson(text: string, file: string, entry?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ModelImportError({ code: 'import-json-unreadable', file, ...(entry && { entry }), raw: rawMessage(e) });
  }
}
