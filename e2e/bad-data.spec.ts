import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/**
 * Serves a copy of the built app whose data files were damaged, the way a broken deployment would
 * be. (Playwright's request interception does not reliably complete fetches made inside workers, so
 * the damage is real files on a real server.)
 */
async function serveDamagedCopy(
  port: number,
  damage: (dir: string) => void,
): Promise<{ url: string; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'qlab-bad-data-'));
  cpSync('dist', dir, { recursive: true });
  damage(dir);
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    close: () => {
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test.describe('missing or corrupt MNIST files', () => {
  test('a missing file says how to get it back', async ({ page }) => {
    const site = await serveDamagedCopy(5191, (dir) => rmSync(join(dir, 'data', 'mnist-test.qlm')));
    try {
      await page.goto(site.url);
      await expect(page.getByTestId('data-error')).toContainText(/mnist-test\.qlm is missing .*npm install/);
      await expect(page.getByTestId('train-start')).toBeDisabled();
    } finally {
      site.close();
    }
  });

  test('a corrupt file is named and explained, and the rest of the page keeps working', async ({ page }) => {
    const site = await serveDamagedCopy(5192, (dir) =>
      writeFileSync(join(dir, 'data', 'mnist-train.qlm'), 'this is not MNIST at all'),
    );
    try {
      await page.goto(site.url);
      await expect(page.getByTestId('data-error')).toContainText(/mnist-train\.qlm is not a Quantization Lab dataset/);
      await page
        .getByTestId('inspector-drop')
        .setInputFiles({ name: 'junk.tflite', mimeType: 'application/octet-stream', buffer: Buffer.from('junk') });
      await expect(page.getByTestId('inspector-error')).toContainText('junk.tflite');
    } finally {
      site.close();
    }
  });
});
