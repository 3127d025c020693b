// Lint: typescript-eslint strict rules plus the import boundaries of the layout (STYLE.md §1). A renderer file that
// imports `electron` or `node:fs`, or a shared file that imports React or a native module, fails here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'worker_threads'];
const NATIVE_MODULES = ['better-sqlite3', 'argon2', '@napi-rs/keyring'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', ...NODE_BUILTINS, ...NATIVE_MODULES, 'react', 'react-dom', 'react/*', 'zustand', '**/electron/**', '**/renderer/**'],
      'shared/ is pure TypeScript used by both processes: no Electron, Node, native modules, React, or process code.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['electron', 'electron/*', ...NODE_BUILTINS, ...NATIVE_MODULES, '**/electron/**', 'ws'],
        'The renderer is untrusted web code: it talks to main only through window.atm (shared/ipc).',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/preload.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'Raw ipcMain lives only in electron/ipc/register-electron-ipc.ts.' },
            { name: 'electron', importNames: ['shell'], message: 'The kiosk never opens external programs or URLs.' },
          ],
          patterns: [{ group: ['**/renderer/**', 'react', 'react-dom'], message: 'Main never imports renderer code.' }],
        },
      ],
    },
  },
  {
    // The core owns data and rules and must run under plain Node: no Electron in it.
    files: [
      'electron/core/**',
      'electron/db/**',
      'electron/cards/**',
      'electron/cash/**',
      'electron/devices/**',
      'electron/ledger/**',
      'electron/journal/**',
      'electron/settings/**',
      'electron/transactions/**',
      'electron/session/**',
      'electron/secrets/**',
      'electron/demo/**',
      'electron/log/**',
      'electron/receipts/**',
      'electron/sync/**',
      'electron/staff/**',
      'electron/diagnostics/**',
      'electron/ipc/router.ts',
      'electron/browser-host/**',
    ],
    rules: restrict(['electron', 'electron/*', '**/renderer/**', 'react'], 'The core runs without Electron: take Electron things as parameters in the shell.'),
  },
  {
    files: ['electron/ipc/register-electron-ipc.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/preload.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./shared/ipc/|\\./\\.\\./shared/ipc/).*',
              message: 'The preload imports only electron and shared/ipc.',
            },
          ],
        },
      ],
    },
  },
  {
    // A promise nobody awaits or catches is work that may outlive what it needs (a closed database, a removed
    // folder) and a rejection nobody sees: main, the bank, the scripts and the tests must await, return or `void` it.
    files: ['electron/**/*.ts', 'bank/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'],
    ignores: ['tests/e2e/**'],
    languageOptions: { parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts', 'build/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
);
