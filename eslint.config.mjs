// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { layersPlugin } from './build/layerRule.mjs';

/** The "layers" principle: src/shared is pure TypeScript and runs in every process, the renderer included. */
const platformModules = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'electron',
  'ws',
  'better-sqlite3',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: platformModules.map((name) => ({
            name,
            message:
              'src/shared must stay platform-free (the layers rule): no node:, electron, ws or sqlite.',
          })),
          patterns: [
            {
              group: ['node:*', '**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports only src/shared.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/shared must not touch the Node process.' },
        { name: 'require', message: 'src/shared must not require modules.' },
        { name: 'Buffer', message: 'src/shared must not use Node Buffer; use Uint8Array.' },
      ],
    },
  },
  {
    // src/main/layers.json: every import points down the layers (build/layerRule.mjs).
    files: ['src/main/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/direction': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
