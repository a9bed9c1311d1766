import { defineConfig } from '@playwright/test';

/**
 * Chromium's flags for this offline machine (no background network, no updates, no sync); WebGPU is
 * only offered with --enable-unsafe-webgpu here. The bench launches Chromium with the same flags.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

/** Debian's Chromium; nothing is downloaded (no `npx playwright install`). */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** E2E_PORT lets several checkouts run their suites side by side. */
const port = Number(process.env.E2E_PORT ?? 5173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    acceptDownloads: true,
    launchOptions: {
      executablePath: chromium,
      // Playwright gives every launch a fresh, empty user-data dir.
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
