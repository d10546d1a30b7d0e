// Lint rules, chiefly the layering: shared/ imports neither Node nor Electron, renderer/ imports no Node
// (and nothing from main/), main/ never imports renderer/. Tests may cross layers to wire real parts.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'net',
  'http',
  'https',
  'url',
  'worker_threads',
  'module',
  'stream',
  'events',
  'util',
  'buffer',
];
const noNode = { group: nodeBuiltins, message: 'This layer runs without Node: keep Node APIs in main/.' };
const noElectron = { group: ['electron'], message: 'Only main/ and preload/ may import Electron.' };
const nodePackages = { group: ['ws', 'koffi'], message: 'Node-only packages belong in main/.' };
const mainNotRenderer = {
  group: ['**/renderer/**', 'react', 'react-dom', 'zustand'],
  message: 'main/ never imports the renderer.',
};
// The UI process (serve, Electron main, their transports and the agent connection) reaches the native engine only
// through an agent child process: it imports neither the native engine nor the module that opens it.
const nativeModules = ['**/engine/native', '**/engine/native/**', '**/engine/create.js', 'koffi'];
const noNative = {
  group: nativeModules,
  message: 'The UI process holds no native engine: reach it through an agent (main/host-connection/).',
};

// The renderer's own layering: only the store (renderer/store) and the transports (renderer/api) hold the API
// client; components, dialogs and hooks act through store actions, so each intent is one place to test.
const rendererLayers = [
  noNode,
  noElectron,
  nodePackages,
  { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the API client.' },
];
const storeOnly = 'Act through a store action (renderer/store): only the store calls the API client.';
const noApiClient = [
  ...rendererLayers,
  { group: ['**/api/*', '**/shared/client.js'], message: storeOnly },
  { group: ['**/shared/contract.js'], importNames: ['ApiClient', 'BpfscopeApi'], message: storeOnly },
];
const noDefaultExport = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', noDefaultExport],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noNode,
            noElectron,
            nodePackages,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', 'react', 'react-dom', 'zustand'],
              message: 'shared/ depends on nothing above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts', 'renderer/test-setup.ts'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': ['error', { patterns: rendererLayers }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: [
      'renderer/store/**',
      'renderer/api/**',
      // The hosts store builds one app store per host, so it hands each its client.
      'renderer/hosts/hosts-store.ts',
      'renderer/main.tsx',
      'renderer/test-support/**',
      'renderer/**/*.test.{ts,tsx}',
      'renderer/vite.config.ts',
      'renderer/test-setup.ts',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: noApiClient }] },
  },
  {
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [mainNotRenderer] }],
    },
  },
  {
    files: ['main/cli.ts', 'main/electron.ts', 'main/transport/**/*.ts', 'main/host-connection/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [mainNotRenderer, noNative] }],
      'no-restricted-syntax': [
        'error',
        noDefaultExport,
        {
          selector: 'ImportExpression[source.value=/engine\\/(native|create)|^koffi$/]',
          message: noNative.message,
        },
      ],
    },
  },
  {
    // The engines' operation files word every refusal through shared/refusal.ts, so both read the same.
    files: ['main/engine/emulated/engine.ts', 'main/engine/native/{engine,elements,handles,fs-at,errno,objects}.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        noDefaultExport,
        {
          selector: "NewExpression[callee.name='BpfError']",
          message: 'Word a refusal with refusal() from shared/refusal.ts, so both engines read the same.',
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    ignores: ['preload/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '**/contract.js', '**/main/**', '**/renderer/**'],
              message: 'The preload stays tiny: import op-names and channels only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'scripts/**/*.mjs',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'conformance/**/*.ts',
      'test/**/*.ts',
      '*.config.*',
      'eslint.config.js',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['eslint.config.js', '**/vite.config.ts', '**/vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
