import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Cross-origin isolation (needed for SharedArrayBuffer / threaded WASM); any static host must send these too. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 5173 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@litertjs/core'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
