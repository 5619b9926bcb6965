import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The import rules of DESIGN.md, one block per layer. */
const layerRules = [
  {
    files: ['src/shared/**/*.ts'],
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
    ignores: ['src/main/hosts/electron.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^electron$', message: 'Only hosts/electron.ts imports electron.' },
        { regex: '/renderer/|/preload/', message: 'The main process never imports the renderer or preload.' },
      ] }],
    },
  },
  {
    files: ['src/main/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^electron$', message: 'Only hosts/electron.ts imports electron.' },
        { regex: '/services/|/hosts/|/renderer/', message: 'Connectors never import services, hosts or the renderer.' },
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
);
