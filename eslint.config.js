// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'util'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only the Electron entry (main/electron-main.ts, main/electron/) and the preload import electron.' }],
        },
      ],
    },
  },
  {
    files: ['main/electron-main.ts', 'main/electron/**', 'preload/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/electron/ipc.ts', 'preload/preload.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'ipcMain', message: 'Register channels through main/electron/ipc.ts, from the contract.' },
        { property: 'ipcRenderer', message: 'Only the preload talks to ipcRenderer.' },
      ],
    },
  },
  {
    // Playwright fixtures that need no other fixture must destructure an empty object.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through window.pos.' }],
          patterns: [
            { group: ['**/main/**', '../main/*'], message: 'The renderer never imports main; use window.pos.' },
            { group: nodeBuiltins, message: 'The renderer has no Node: it runs sandboxed.' },
          ],
        },
      ],
    },
  },
);
