// Lint rules that matter here: deep provider imports only (the barrel loads ~1,500 modules) and no
// cloud-name branching outside the cloud profile.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdktf.out/**',
      '.bench/**',
      'coverage/**',
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
);
