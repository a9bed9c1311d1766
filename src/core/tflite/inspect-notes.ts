/**
 * What the inspector noticed in a readable .tflite file, as data: warnings (things that look wrong and may stop a
 * runtime) and remarks (normal habits of TensorFlow's converter). inspect-tflite.ts collects them and keeps
 * their English sentences (`warnings`, `remarks`); the page's other languages write theirs from the same data
 * (src/ui/i18n/messages/model-kind.zh-TW.ts). `where` is an identifier path such as `subgraphs[0].tensors[3]`.
 */
export type InspectNote =
  | { code: 'note-tensor-buffer'; where: string; buffer: number; buffers: number }
  | {
      code: 'note-tensor-bytes';
      where: string;
      name: string;
      bytes: number;
      shape: number[];
      type: string;
      expected: number;
    }
  | { code: 'note-tensor-index'; where: string; index: number; tensors: number }
  | { code: 'note-opcode'; where: string; opcode: number; codes: number }
  | { code: 'note-schema-version'; version: number }
  | { code: 'note-no-buffers' }
  | { code: 'note-buffer0' }
  | { code: 'note-metadata-buffer'; name: string; buffer: number; buffers: number }
  /** Remarks. `first` lists at most 8 of the `count` unaligned buffers. */
  | { code: 'note-unaligned'; count: number; buffers: number; first: number[]; alignment: number }
  | { code: 'note-conversion-metadata'; name: string; bytes: number };

export type InspectNoteCode = InspectNote['code'];

/** "3, 5, 9" or "1, 2, 3, 4, 5, 6, 7, 8, …" when more than the listed buffers are unaligned. */
export const bufferList = (p: Extract<InspectNote, { code: 'note-unaligned' }>) =>
  p.count > p.first.length ? `${p.first.join(', ')}, …` : p.first.join(', ');

const SENTENCES: { [K in InspectNoteCode]: (p: Extract<InspectNote, { code: K }>) => string } = {
  'note-tensor-buffer': (p) => `${p.where} refers to buffer ${p.buffer} but the model has ${p.buffers}`,
  'note-tensor-bytes': (p) =>
    `${p.where} (${p.name}) has ${p.bytes} bytes but shape [${p.shape}] ${p.type} needs ${p.expected}`,
  'note-tensor-index': (p) => `${p.where} refers to tensor ${p.index} but there are ${p.tensors}`,
  'note-opcode': (p) => `${p.where} uses operator code ${p.opcode} but the model has ${p.codes}`,
  'note-schema-version': (p) => `schema version ${p.version} (expected 3)`,
  'note-no-buffers': () => 'the model has no buffers (buffers[0] must exist and be empty)',
  'note-buffer0': () => 'buffers[0] is not empty',
  'note-metadata-buffer': (p) => `metadata ${p.name} refers to buffer ${p.buffer} but the model has ${p.buffers}`,
  'note-unaligned': (p) =>
    `${p.count} of ${p.buffers} buffers (${bufferList(p)}) are not aligned to ${p.alignment} bytes, ` +
    'as TensorFlow’s converter often writes them; runtimes read them fine.',
  'note-conversion-metadata': (p) =>
    `${p.name} (${p.bytes} bytes) records the converter's options and environment; ` +
    'it does not change what the model computes.',
};

/** The English sentence of an inspector note. */
export function englishInspectNote(p: InspectNote): string {
  return (SENTENCES[p.code] as (p: InspectNote) => string)(p);
}
