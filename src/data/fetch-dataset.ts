import type { MnistDataset, MnistSplit } from '../core/mnist/dataset';
import { DATASETS, type DatasetId } from '../core/mnist/datasets';
import { DatasetFormatError, unpackSplit } from '../core/mnist/pack';

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/**
 * URLs of the packed MNIST files, derived at install time into public/data/ and served by the app
 * itself. They are gzip inside but deliberately not named .gz: hosts then serve them as opaque bytes
 * (no Content-Encoding), so Content-Length matches what arrives and the progress bar is honest.
 */
export function datasetUrls(base: string, id: DatasetId = 'mnist'): { train: string; test: string } {
  const files = DATASETS[id].files;
  return { train: new URL(`data/${files.train}`, base).href, test: new URL(`data/${files.test}`, base).href };
}

/** Downloads one packed split from the app's own origin, reporting bytes as they arrive. */
export async function fetchSplit(url: string, onProgress?: (p: DownloadProgress) => void): Promise<MnistSplit> {
  const bytes = await fetchBytes(url, onProgress);
  const path = new URL(url).pathname;
  // Single-page-app hosts (vite preview among them) answer a missing file with index.html.
  if (bytes.length > 0 && bytes[0] === 0x3c /* '<' */)
    throw new DatasetFormatError({ code: 'dataset-missing', file: path });
  return unpackSplit(bytes, path);
}

async function fetchBytes(url: string, onProgress?: (p: DownloadProgress) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new DatasetFormatError({ code: 'dataset-fetch', url, detail: (e as Error).message });
  }
  if (!response.ok) {
    throw new DatasetFormatError({ code: 'dataset-missing', file: new URL(url).pathname, status: response.status });
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress?.({ loadedBytes: loaded, totalBytes: Math.max(total, loaded) });
    }
  } else {
    const all = new Uint8Array(await response.arrayBuffer());
    chunks.push(all);
    loaded = all.byteLength;
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/** Downloads both splits of a dataset in parallel, reporting their combined progress. */
export async function fetchDataset(
  base: string,
  onProgress?: (p: DownloadProgress) => void,
  id: DatasetId = 'mnist',
): Promise<MnistDataset> {
  const urls = datasetUrls(base, id);
  const progress = { test: { loadedBytes: 0, totalBytes: 0 }, train: { loadedBytes: 0, totalBytes: 0 } };
  const report = (which: 'test' | 'train') => (p: DownloadProgress) => {
    progress[which] = p;
    onProgress?.({
      loadedBytes: progress.test.loadedBytes + progress.train.loadedBytes,
      totalBytes: progress.test.totalBytes + progress.train.totalBytes,
    });
  };
  const [test, train] = await Promise.all([
    fetchSplit(urls.test, report('test')),
    fetchSplit(urls.train, report('train')),
  ]);
  return { train, test };
}
