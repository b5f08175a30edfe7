import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering of STYLE.md as a lint rule: lib → data/sync → features → app. A feature imports
// only its own files and other features' pure `model.ts`; the service worker gets no UI.
const layers = [
  { type: 'lib', pattern: 'src/lib' },
  { type: 'data', pattern: 'src/data' },
  { type: 'sync', pattern: 'src/sync' },
  { type: 'feature', pattern: 'src/features/*', capture: ['feature'] },
  { type: 'ui', pattern: 'src/ui' },
  { type: 'app', pattern: 'src/app' },
  { type: 'test-support', pattern: 'src/test' },
];

const allow = (from, to) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
});

const layerPolicies = [
  allow('lib', ['lib']),
  allow('data', ['lib', 'data']),
  allow('sync', ['lib', 'data', 'sync']),
  // Shared presentational components: props in, markup out, no data or sync.
  allow('ui', ['lib', 'ui']),
  allow('app', ['lib', 'data', 'sync', 'feature', 'ui', 'app']),
  allow('test-support', ['lib', 'data', 'sync', 'feature', 'ui', 'app', 'test-support']),
  {
    from: { element: { type: 'feature' } },
    allow: {
      to: {
        element: { types: { anyOf: ['lib', 'data', 'sync', 'ui'] } },
      },
    },
  },
  {
    from: { element: { type: 'feature' } },
    allow: {
      to: {
        element: {
          type: 'feature',
          captured: { feature: '{{ from.element.captured.feature }}' },
        },
      },
    },
  },
  {
    from: { element: { type: 'feature' } },
    allow: {
      to: { element: { type: 'feature' }, file: { path: '**/model.ts' } },
    },
  },
];

// Tests may also use the shared test support (seeded PRNG, fixtures) whatever layer they test.
const testPolicies = [...layerPolicies, { allow: { to: { element: { type: 'test-support' } } } }];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'coverage',
      'test-results',
      'playwright-report',
      '.data',
      'supabase/functions',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries, 'react-hooks': reactHooks },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies }],
    },
  },
  {
    files: ['src/**/*.test.{ts,tsx}'],
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: testPolicies }],
    },
  },
  {
    // The service worker runs the sync engine with no page: no UI and no feature code in it.
    files: ['src/sw.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['./app/*', './features/*', 'react', 'react-dom', 'react-dom/*', 'zustand'] },
      ],
    },
  },
);
