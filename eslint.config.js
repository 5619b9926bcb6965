import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const clientLibraries = { regex: '^(dockerode|etcd3)$', message: 'Only src/main/connectors talks to Docker and etcd: use a connector method.' };
const noScripts = { regex: '(^|/)(scripts|test-support)/', message: 'Product code never imports scripts/ or test support.' };

/** The import rules of DESIGN.md, one block per layer. */
const layerRules = [
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./(main|renderer|preload)', message: 'src/shared imports nothing of ours outside shared.' },
        { regex: '^(?!zod$|\\.)', message: 'src/shared imports only zod.' },
      ] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '/main/|^electron$|^node:', message: 'The renderer never imports the main process, electron or Node.' },
      ] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/hosts/electron.ts', 'src/main/connectors/**', 'src/main/services/**', 'src/main/core/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^electron$', message: 'Only hosts/electron.ts imports electron.' },
        { regex: '/renderer/|/preload/', message: 'The main process never imports the renderer or preload.' },
        clientLibraries,
        noScripts,
      ] }],
    },
  },
  {
    files: ['src/main/connectors/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^electron$', message: 'Only hosts/electron.ts imports electron.' },
        { regex: '/services/|/hosts/|/rpc/|/renderer/', message: 'Connectors never import services, rpc, hosts or the renderer.' },
        noScripts,
      ] }],
    },
  },
  {
    files: ['src/main/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^electron$', message: 'Only hosts/electron.ts imports electron.' },
        clientLibraries,
        { regex: '/rpc/|/hosts/|/renderer/', message: 'Services never import rpc (dispatch), hosts or the renderer: shared helpers are in src/main/core.' },
        noScripts,
      ] }],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./(?!\\.\\./shared/)|^\\.\\./\\.\\./(?!shared/)', message: 'src/main/core imports only src/shared and Node.' },
        { regex: '^(?!node:|\\.)', message: 'src/main/core imports only src/shared and Node.' },
      ] }],
    },
  },
  {
    files: ['src/main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^electron$', message: 'Only hosts/electron.ts imports electron.' },
        { regex: '/renderer/|/preload/', message: 'The main process never imports the renderer or preload.' },
      ] }],
    },
  },
  {
    files: ['src/renderer/features/**/*.{ts,tsx}', 'src/renderer/components/**/*.{ts,tsx}', 'src/renderer/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '/main/|^electron$|^node:', message: 'The renderer never imports the main process, electron or Node.' },
        { regex: '(^|/)app/', message: 'Features share through src/renderer/core and components; app/ is only the shell.' },
      ] }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '/main/|/renderer/', message: 'The preload imports only electron and src/shared.' },
      ] }],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench-results/**', '.lab/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-invalid-void-type': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layerRules,
  {
    // No import cycles anywhere in src (they make the layers above meaningless).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
