import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/*.generated.ts', '**/node_modules/**', 'bench/.corpus/**', 'bench/.work/**', 'packages/dashboard/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process', 'console', 'URL', 'URLSearchParams', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
          'setImmediate', 'clearImmediate', 'performance', 'fetch', 'AbortController', 'TextEncoder', 'TextDecoder', 'structuredClone',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // CommonJS scripts (bench/lib/raw-daily-report.cjs: a plain require() start-up is the floor it measures).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
