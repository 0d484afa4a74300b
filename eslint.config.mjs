import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'samples/out/**', 'test-artifacts/**', 'coverage/**', 'lib/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Office.js proxies: a property read before load() and sync() throws, and a sync per loop turn is a round trip per
    // item. Only src/excel touches Office.js. Its chunked reads and writes sync once per chunk on purpose, each behind a
    // disable comment that says why.
    files: ['src/excel/**/*.ts', 'src/excel/**/*.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/load-object-before-read': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
    },
  },
  {
    // The engine and the reader run everywhere: keep Office, React and exceljs out of them.
    files: ['src/rules/**', 'src/cohort/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'exceljs',
            'react',
            'react-dom',
            '@fluentui/*',
            '@microsoft/office-js',
            '**/excel/**',
            '**/taskpane/**',
            '**/cli/**',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'fetch', 'XMLHttpRequest'],
    },
  },
  {
    // The worksheet functions' logic is pure too; only functions.ts, their registration, meets Excel's CustomFunctions.
    files: ['src/functions/**'],
    ignores: ['src/functions/functions.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'exceljs',
            'react',
            'react-dom',
            '@fluentui/*',
            '@microsoft/office-js',
            '**/excel/**',
            '**/taskpane/**',
            '**/cli/**',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'CustomFunctions', 'fetch', 'XMLHttpRequest'],
    },
  },
);
