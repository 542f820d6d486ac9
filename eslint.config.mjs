// One lint configuration for the workspace. House rules live here, not in prose.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const pureLayers = [
  'packages/logic/src/**',
  'packages/definitions/src/**',
  'packages/runtime/src/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // The interpreter, the rule language and the definitions are pure: no host imports.
    files: pureLayers,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@liuyun/engine', '@liuyun/designer', '@nestjs/*', 'typeorm', 'pg', 'react'],
              message: 'packages/* stay pure: no engine, designer, framework or I/O imports.',
            },
            {
              group: [
                'node:fs',
                'fs',
                'node:net',
                'net',
                'node:http',
                'http',
                'node:child_process',
              ],
              message: 'packages/* do no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
