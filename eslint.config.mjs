import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';

/** Office.js's Excel namespace. */
const OFFICE_EXCEL = ['Excel'];
/** What a pure folder may not import: Office, React, Node's built-ins and the file libraries. */
const NOT_PURE = [
  'exceljs',
  'react',
  'react-dom',
  '@fluentui/*',
  '@microsoft/office-js',
  'node:*',
  'fs',
  'path',
  'yauzl',
  'yazl',
];

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
  // Fences between the folders (test/lint-fences.test.ts proves each one fails when crossed). In a flat config a later
  // block replaces a rule's options, so each folder gets its whole list in one place.
  {
    // Only src/excel touches Office.js's Excel API; every other folder reaches Excel through it.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/excel/**'],
    rules: { 'no-restricted-globals': ['error', ...OFFICE_EXCEL] },
  },
  {
    // The engine, the reader, registration prep and the saved settings run everywhere: no Office, React, file or
    // package libraries, and nothing from the folders that use them.
    files: ['src/rules/**', 'src/cohort/**', 'src/registration/**', 'src/settings/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NOT_PURE,
            '**/excel/**',
            '**/taskpane/**',
            '**/cli/**',
            '**/workbook/**',
            '**/commands/**',
            '**/functions/**',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', ...OFFICE_EXCEL, 'fetch', 'XMLHttpRequest'],
    },
  },
  {
    // The worksheet functions' logic is pure too; only functions.ts, their registration, meets Excel's CustomFunctions.
    files: ['src/functions/**'],
    ignores: ['src/functions/functions.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...NOT_PURE, '**/excel/**', '**/taskpane/**', '**/cli/**'] }],
      'no-restricted-globals': ['error', 'Office', ...OFFICE_EXCEL, 'CustomFunctions', 'fetch', 'XMLHttpRequest'],
    },
  },
  {
    // The command line and its file layer run in Node, without Office or the pane.
    files: ['src/cli/**', 'src/workbook/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'react',
            'react-dom',
            '@fluentui/*',
            '@microsoft/office-js',
            '**/excel/**',
            '**/taskpane/**',
            '**/commands/**',
          ],
        },
      ],
    },
  },
  {
    // The ribbon command runs without the pane: it may use the adapter (src/excel) and the saved settings, not the pane.
    files: ['src/commands/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '@fluentui/*', '**/taskpane/**'] }],
    },
  },
);
