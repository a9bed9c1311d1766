import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test runs with two automatic guards: no request may leave the app's origin (the lab is offline
 * by design), and an uncaught page error fails the test.
 */
export const test = base.extend<{ offsite: string[]; pageErrors: string[]; cspViolations: string[] }>({
  offsite: [
    async ({ page }, use) => {
      // The app's origin is wherever the test navigated (usually baseURL); every other request the page
      // or its workers make must stay on it.
      const appOrigin = () => new URL(page.url()).origin;
      const offsite: string[] = [];
      page.on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:') || url.startsWith('blob:') || req.isNavigationRequest()) return;
        if (new URL(url).origin !== appOrigin()) offsite.push(url);
      });
      page.on('worker', (w) => {
        if (!w.url().startsWith('blob:') && new URL(w.url()).origin !== appOrigin()) offsite.push(`worker ${w.url()}`);
      });
      await use(offsite);
      expect(offsite, 'requests that left the app origin').toEqual([]);
    },
    { auto: true },
  ],
  // The built site sends a strict Content-Security-Policy (vite.config.ts SITE_HEADERS): any violation
  // (an inline script or style, an eval, a request to another origin) fails the test.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.exposeBinding('__reportCspViolation', (_source, text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation;
          report(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(`console: ${m.text().slice(0, 300)}`);
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the lab and waits until MNIST is loaded and a backend is running. */
export async function openLab(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('data-ready')).toBeVisible({ timeout: 120_000 });
  // data-backend is set once a backend runs, in either language.
  await expect(page.getByTestId('backend-active')).toHaveAttribute('data-backend', /.+/);
}

/** Sets a numeric training setting through its input. */
export async function setSetting(page: Page, key: string, value: number): Promise<void> {
  await page.getByTestId(`setting-${key}`).fill(String(value));
}

/** Parses "95.81%" into 0.9581. */
export function parsePercent(text: string): number {
  const m = /(-?[0-9.]+)%/.exec(text);
  if (!m) throw new Error(`no percentage in "${text}"`);
  return Number(m[1]) / 100;
}
