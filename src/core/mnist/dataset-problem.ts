/**
 * What is wrong with a dataset file, as data: a code and its names and numbers. IdxFormatError and
 * DatasetFormatError carry it; their message is the English sentence written here (the CLI, the install
 * script), and the page's other languages write their own from the same data (src/ui/i18n/messages/panels.zh-TW.ts).
 */
export type DatasetProblem =
  /** The IDX files MNIST ships in (idx.ts); `magic` values are hex, e.g. "0x803". */
  | { code: 'dataset-idx-too-short'; bytes: number }
  | { code: 'dataset-idx-magic'; magic: string; expected: string }
  | { code: 'dataset-idx-not-bytes'; magic: string }
  | { code: 'dataset-idx-rank'; rank: number }
  | { code: 'dataset-idx-truncated-header' }
  | { code: 'dataset-idx-data'; declared: number; holds: number }
  | { code: 'dataset-image-rank'; rank: number }
  | { code: 'dataset-count-mismatch'; images: number; labels: number }
  /** The lab's packed QLM1 split (pack.ts); `file` is its path, absent when unnamed. */
  | { code: 'dataset-gzip'; file?: string; detail: string }
  | { code: 'dataset-too-short'; file?: string; bytes: number }
  | { code: 'dataset-magic'; file?: string; magic: string }
  | { code: 'dataset-image-size'; file?: string; rows: number; cols: number }
  | { code: 'dataset-truncated'; file?: string; bytes: number; need: number }
  | { code: 'dataset-label'; file?: string; label: number; index: number }
  /** Fetching it from the app's origin (src/data/fetch-dataset.ts): `status` is the HTTP status, absent for an HTML page. */
  | { code: 'dataset-missing'; file: string; status?: number }
  | { code: 'dataset-fetch'; url: string; detail: string };

export type DatasetProblemCode = DatasetProblem['code'];

const idx = (s: string) => `Not a valid MNIST IDX file: ${s}`;
const name = (file: string | undefined) => file ?? 'dataset file';

const SENTENCES: { [K in DatasetProblemCode]: (p: Extract<DatasetProblem, { code: K }>) => string } = {
  'dataset-idx-too-short': (p) => idx(`only ${p.bytes} bytes`),
  'dataset-idx-magic': (p) => idx(`magic ${p.magic} (expected ${p.expected})`),
  'dataset-idx-not-bytes': (p) => idx(`magic ${p.magic} is not an unsigned-byte IDX array`),
  'dataset-idx-rank': (p) => idx(`rank ${p.rank}`),
  'dataset-idx-truncated-header': () => idx('truncated header'),
  'dataset-idx-data': (p) => idx(`declares ${p.declared} bytes of data but holds ${p.holds}`),
  'dataset-image-rank': (p) => `image file has rank ${p.rank}, expected 3`,
  'dataset-count-mismatch': (p) => `image file holds ${p.images} images but label file ${p.labels} labels`,
  'dataset-gzip': (p) => `${name(p.file)} is corrupt: gzip data does not decompress (${p.detail})`,
  'dataset-too-short': (p) => `${name(p.file)} is truncated (${p.bytes} bytes)`,
  'dataset-magic': (p) => `${name(p.file)} is not a Quantization Lab dataset (magic "${p.magic}")`,
  'dataset-image-size': (p) => `${name(p.file)} has ${p.rows}x${p.cols} images, expected 28x28`,
  'dataset-truncated': (p) => `${name(p.file)} is truncated: ${p.bytes} of ${p.need} bytes`,
  'dataset-label': (p) => `${name(p.file)} is corrupt: label ${p.label} at index ${p.index}`,
  'dataset-missing': (p) =>
    `Dataset file ${p.file} is missing (${p.status === undefined ? 'the server sent an HTML page instead' : `HTTP ${p.status}`}). ` +
    'It is derived at install time: run "npm install", then rebuild.',
  'dataset-fetch': (p) => `Could not load MNIST from ${p.url}: ${p.detail}`,
};

/** The English sentence of a dataset problem. */
export function englishDatasetProblem(p: DatasetProblem): string {
  return (SENTENCES[p.code] as (p: DatasetProblem) => string)(p);
}
