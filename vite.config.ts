import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Headers every response of the lab needs, declared once: `vite preview`/`vite dev` send them, and the
 * build writes them to dist/_headers (Netlify, Cloudflare Pages). The README lists them for other hosts.
 * - Cross-origin isolation (SharedArrayBuffer, threaded WASM).
 * - A strict Content-Security-Policy: nothing inline, nothing from another origin; 'wasm-unsafe-eval'
 *   only because WebAssembly compilation needs it; blob: workers for the WASM runtimes' helpers.
 */
export const SITE_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
};

/** Writes dist/_headers from SITE_HEADERS, so a static host sends exactly what the preview server sends. */
function headersFile(): Plugin {
  return {
    name: 'quantization-lab-headers-file',
    apply: 'build',
    generateBundle() {
      const lines = Object.entries(SITE_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    headersFile(),
    // Offline after the first visit: Workbox precaches the app, its workers, the WASM binaries and the
    // MNIST files. The page registers the service worker itself and applies an update only when the
    // learner accepts it (src/ui/offline), never in the middle of a run.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'wasm/**/*', 'data/mnist-*.qlm'],
      manifest: {
        name: 'Quantization Lab',
        short_name: 'Quant Lab',
        description:
          'Train a CNN in the browser, quantize it with every TensorFlow Lite mode, download real .tflite files.',
        theme_color: '#1f4e79',
        background_color: '#ffffff',
        display: 'standalone',
        // One scalable icon: Chromium accepts an SVG of size "any" for installation.
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,wasm,qlm,webmanifest}'],
        // Fashion-MNIST (31 MB) is used by the CLI and scripts; the page does not offer it yet.
        globIgnores: ['**/data/fashion-*'],
        // The LiteRT.js WASM binaries are about 9.4 MB each, the MNIST training split 10 MB.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first install takes the open page at once (nothing older to replace); later versions wait for the learner.
        clientsClaim: true,
      },
    }),
  ],
  server: { headers: SITE_HEADERS, port: 5173 },
  preview: { headers: SITE_HEADERS, port: 5173 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@litertjs/core'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
