/**
 * Serving the real app for the browser bench: a production build in a private folder, `vite preview`
 * as a child process, and headless Chromium. Nothing here measures; browser.ts does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * The bench builds into its own folder rather than dist/: an `npm test` running at the same time
 * builds dist/ and serves it to its e2e tests, and a rebuild under its feet would break them.
 */
export const BENCH_DIST = 'bench/.browser-dist';
/** BENCH_PORT picks another port, so two checkouts can run the bench at once. */
export const PREVIEW_PORT = Number(process.env.BENCH_PORT ?? 5199);
export const BASE_URL = `http://127.0.0.1:${PREVIEW_PORT}`;

/** The sources of git ref `ref` in bench-out/, with this checkout's node_modules, data and WASM linked in. */
export function checkoutRef(ref: string): string {
  const dir = join(ROOT, 'bench-out', 'baseline-src');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('bash', ['-c', `git archive --format=tar ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(dir)}`], {
    cwd: ROOT,
  });
  for (const link of ['node_modules', 'public/data', 'public/wasm'])
    if (!existsSync(join(dir, link))) symlinkSync(join(ROOT, link), join(dir, link));
  return dir;
}

/** The port a baseline build is served on: BENCH_BASELINE_PORT, else the one after PREVIEW_PORT. */
export const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? PREVIEW_PORT + 1);

/** Runs a command in the repo root; resolves with its output, rejects with it on a non-zero exit. */
export function run(command: string, args: string[], cwd = ROOT): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

/** `vite build` of the sources in `root` (default: this checkout) into `outDir`; returns the wall time in seconds. */
export async function buildApp(root = ROOT, outDir = BENCH_DIST): Promise<number> {
  const started = performance.now();
  // BENCH_MINIFY=0: readable function names in the main-thread profiles (the timings are then not production's).
  const minify = process.env.BENCH_MINIFY === '0' ? ['--minify', 'false'] : [];
  await run('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...minify], root);
  return (performance.now() - started) / 1000;
}

/** A running `vite preview` of BENCH_DIST; `stop()` ends it and everything it started. */
export interface PreviewServer {
  stop(): void;
}

/**
 * Starts `vite preview` in its own process group (npx starts node, which starts nothing else, but
 * killing the group we created is the only way to be sure) and waits until it answers.
 */
export async function startPreview(
  timeoutMs = 60_000,
  { root = ROOT, outDir = BENCH_DIST, port = PREVIEW_PORT } = {},
): Promise<PreviewServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', outDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () => {
    if (exited || child.pid == null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`vite preview exited before serving:\n${output.slice(-2000)}`);
    try {
      if ((await fetch(baseUrl)).ok) return { stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`vite preview did not answer on ${baseUrl} within ${timeoutMs / 1000} s:\n${output.slice(-2000)}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
