// Lint: typescript-eslint, React's hook rules, and the import boundaries of the architecture
// (a pure core; no import cycles anywhere). `npm run lint` runs this and Prettier's check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

/** What the pure core may not import: it runs unchanged in Node, in workers and in the page. */
const CORE_FORBIDDEN = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/core is pure: no React.' },
  { group: ['comlink'], message: 'src/core is pure: workers wire core functions to comlink, not the other way round.' },
  {
    group: ['node:*', 'fs', 'path', 'module', 'url'],
    message: 'src/core is pure: Node-only helpers live in src/node.',
  },
  // tfjs-core and tfjs-layers are math libraries the core may use; registering a backend (the tfjs umbrella
  // package, tfjs-backend-*) and loading a runtime (LiteRT.js, h5wasm) happen at the edge.
  {
    group: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-*',
      '@tensorflow/tfjs-node*',
      '@litertjs/*',
      'h5wasm',
      'h5wasm/*',
    ],
    message: 'src/core is pure: backends and runtimes are chosen at the edge (src/backends, src/runtime, workers).',
  },
  {
    group: [
      '**/ui/**',
      '**/workers/**',
      '**/cli/**',
      '**/bridge/**',
      '**/backends/**',
      '**/runtime/**',
      '**/accel/**',
      '**/node/**',
      '**/data/**',
      '**/import/**',
    ],
    message: 'src/core imports only src/core.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'public/**',
      'test-results/**',
      'playwright-report/**',
      'out/**',
      'bench-out/**',
      'bench/.browser-dist/**',
      // AssemblyScript (its own types: f32, v128, load<T>), compiled by scripts/build-kernels.mjs.
      'kernels/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }] },
  },
);
