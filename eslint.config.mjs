// Lint rules that matter here: layers whose imports only point down (eslint-plugin-boundaries), deep provider
// imports only (the barrel loads ~1,500 modules) and no cloud-name branching outside the cloud profile.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layers, ground floor first, and what each may import (besides itself and npm packages). Each folder's
 * README says the same in words; test/unit/layers.test.ts proves a planted upward import fails.
 */
export const LAYERS = {
  lib: [],
  model: ['lib'],
  config: ['model', 'lib'],
  contract: ['model', 'lib'],
  constructs: ['model', 'lib'],
  stacks: ['constructs', 'config', 'contract', 'model', 'lib'],
  policy: ['contract', 'model', 'lib'],
  tools: ['policy', 'contract', 'model', 'lib'],
  app: ['tools', 'policy', 'stacks', 'constructs', 'contract', 'config', 'model', 'lib'],
};

const layerElements = [
  ...Object.keys(LAYERS)
    .filter((l) => l !== 'app')
    .map((type) => ({ type, pattern: type })),
  { type: 'app', pattern: 'bench' },
  // A single file: the plugin's file mode (its successor, file descriptors, cannot carry a layer type yet).
  { type: 'app', pattern: 'main.ts', mode: 'file' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdktf.out/**',
      '.bench/**',
      'coverage/**',
      '.stryker-tmp/**',
      'reports/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-azurerm',
              message: 'Import from @cdktf/provider-azurerm/lib/<resource>: the barrel loads every resource.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['constructs/**/*.ts', 'stacks/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'BinaryExpression[operator=/^[!=]==?$/] > Literal[value=/^(public|usgov|china|ussec|dod)$/]',
          message: 'Do not branch on a cloud id: ask the cloud profile for a capability or a value.',
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['test/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/legacy-warnings': false,
      'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
      'boundaries/elements': layerElements,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            'a {{from.type}} file may not import {{to.type}}: imports only point down (eslint.config.mjs LAYERS)',
          policies: Object.entries(LAYERS).map(([type, below]) => ({
            from: { element: { type } },
            allow: { to: { element: { types: { anyOf: [type, ...below] } } } },
          })),
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
);
