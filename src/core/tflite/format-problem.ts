/**
 * What is wrong with a .tflite file, as data: a code and the names and numbers of the problem. TfliteFormatError
 * carries it; its message is the English sentence written here, and the page's other languages write their own
 * from the same data (src/ui/i18n/messages/core.zh-TW.ts).
 */
export type TfliteProblem =
  | { code: 'tflite-unsupported-op'; op: string }
  | { code: 'tflite-options-mismatch'; op: string; carries: string; expected: string }
  | { code: 'tflite-missing-option'; option: string }
  | { code: 'tflite-option-type'; option: string; type: string }
  | { code: 'tflite-unsupported-option'; option: string; value: string }
  | { code: 'tflite-tensor-type'; type: string }
  | { code: 'tflite-dynamic-shape'; shape: number[] }
  | { code: 'tflite-buffer-shape'; buffer: number; bytes: number; shape: number[]; dtype: string; expected: number }
  | { code: 'tflite-scales-zero-points'; scales: number; zeroPoints: number }
  | { code: 'tflite-quant-dim-rank'; dim: number; rank: number }
  | { code: 'tflite-scales-dim'; scales: number; dim: number; size: number | undefined }
  | { code: 'tflite-schema-version'; version: number }
  | { code: 'tflite-subgraphs'; count: number }
  | { code: 'tflite-buffer0' }
  | { code: 'tflite-tensor-index'; index: number; count: number }
  | { code: 'tflite-buffer-past-end'; buffer: number; bytes: number; fileBytes: number }
  | { code: 'tflite-shared-buffers' }
  | { code: 'tflite-metadata-buffer'; name: string; buffer: number }
  | { code: 'tflite-too-short'; bytes: number }
  | { code: 'tflite-identifier'; identifier: string }
  | { code: 'tflite-root-offset'; root: number; fileBytes: number }
  /** The reader itself failed (a bug); `detail` is the thrown message. */
  | { code: 'tflite-unreadable'; detail: string }
  | { code: 'tflite-tensor-data-past-end'; tensor: string }
  | { code: 'tflite-too-complex' }
  | { code: 'tflite-truncated'; bytes: number; offset: number; fileBytes: number }
  | { code: 'tflite-vtable-size'; size: number }
  | { code: 'tflite-inline-size'; size: number }
  | { code: 'tflite-vector-past-end'; what: string; bytes: number; fileBytes: number }
  | { code: 'tflite-field-outside'; field: number }
  /** The runtime's feeding side (src/runtime/tflite-io.ts). */
  | { code: 'tflite-io-index'; role: string; index: number }
  | { code: 'tflite-io-type'; role: string; tensor: string; type: string }
  | { code: 'tflite-no-subgraph' };

export type TfliteProblemCode = TfliteProblem['code'];

const SENTENCES: { [K in TfliteProblemCode]: (p: Extract<TfliteProblem, { code: K }>) => string } = {
  'tflite-unsupported-op': (p) => `unsupported operator ${p.op}`,
  'tflite-options-mismatch': (p) => `${p.op} carries ${p.carries}, expected ${p.expected}`,
  'tflite-missing-option': (p) => `missing option ${p.option}`,
  'tflite-option-type': (p) => `option ${p.option} is not a ${p.type}`,
  'tflite-unsupported-option': (p) =>
    `unsupported ${p.option === 'fused_activation_function' ? 'fused activation' : p.option} ${p.value}`,
  'tflite-tensor-type': (p) => `unsupported tensor type ${p.type}`,
  'tflite-dynamic-shape': (p) => `dynamic or negative dimension in shape [${p.shape.join(',')}]`,
  'tflite-buffer-shape': (p) =>
    `buffer ${p.buffer} has ${p.bytes} bytes but shape [${p.shape.join(',')}] ${p.dtype} needs ${p.expected}`,
  'tflite-scales-zero-points': (p) => `${p.scales} scales but ${p.zeroPoints} zero points`,
  'tflite-quant-dim-rank': (p) => `quantized_dimension ${p.dim} outside rank ${p.rank}`,
  'tflite-scales-dim': (p) => `${p.scales} scales for dimension ${p.dim} of size ${p.size}`,
  'tflite-schema-version': (p) => `unsupported schema version ${p.version}`,
  'tflite-subgraphs': (p) => `the model has ${p.count} subgraphs; the lab reads exactly one`,
  'tflite-buffer0': () => 'buffers[0] must exist and be empty',
  'tflite-tensor-index': (p) => `tensor index ${p.index} out of range (the subgraph has ${p.count})`,
  'tflite-buffer-past-end': (p) => `buffer ${p.buffer} declares ${p.bytes} bytes but the file has ${p.fileBytes}`,
  'tflite-shared-buffers': () => 'tensors share buffers far beyond the file size',
  'tflite-metadata-buffer': (p) => `metadata ${p.name} refers to missing buffer ${p.buffer}`,
  'tflite-too-short': (p) => `truncated: ${p.bytes} bytes, a .tflite file has at least 8`,
  'tflite-identifier': (p) => `File format is not tflite.Model (identifier "${p.identifier}")`,
  'tflite-root-offset': (p) => `root offset ${p.root} is outside the file (${p.fileBytes} bytes)`,
  'tflite-unreadable': (p) => `unreadable file (${p.detail})`,
  'tflite-tensor-data-past-end': (p) => `tensor ${p.tensor} data runs past the end of the file`,
  'tflite-too-complex': () => 'file is too complex for its size (tables share data in a loop?)',
  'tflite-truncated': (p) =>
    `truncated: ${p.bytes} bytes at offset ${p.offset} run past the end of the file (${p.fileBytes} bytes)`,
  'tflite-vtable-size': (p) => `malformed table: vtable size ${p.size}`,
  'tflite-inline-size': (p) => `malformed table: inline size ${p.size}`,
  'tflite-vector-past-end': (p) => `${p.what} declares ${p.bytes} bytes but the file has ${p.fileBytes}`,
  'tflite-field-outside': (p) => `field ${p.field} lies outside its table`,
  'tflite-io-index': (p) => `${p.role} tensor index ${p.index} is out of range`,
  'tflite-io-type': (p) => `${p.role} tensor '${p.tensor}' has type ${p.type}, which the lab cannot feed`,
  'tflite-no-subgraph': () => 'the model has no subgraph',
};

/** The English words of a problem (without the "(at ...)" context TfliteFormatError adds). */
export function englishTfliteProblem(p: TfliteProblem): string {
  return (SENTENCES[p.code] as (p: TfliteProblem) => string)(p);
}
