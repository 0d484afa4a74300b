import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');

/** The file a relative import names (`./x` is x.ts, x.tsx or x/index.ts), as tsc and the bundler resolve it. */
function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(existsSync);
}

/**
 * One way into a folder: a folder of src/ with an index.ts is entered from outside only through it, so what the
 * folder offers the rest is listed in one place and its other files can change freely. Files inside the folder import
 * each other directly. A dynamic import() may name a file, since a lazy chunk is split at the module it loads.
 */
const oneWayIn = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { deep: "'{{specifier}}' is inside {{folder}}: import it from the folder ('{{way}}'), its only way in." },
  },
  create(context) {
    const file = context.filename;
    function check(node) {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveImport(file, specifier);
      if (!target || !target.startsWith(SRC + path.sep)) return;
      // The outermost folder with an index.ts that holds the target and not the importing file.
      let way;
      for (let folder = path.dirname(target); folder.startsWith(SRC + path.sep); folder = path.dirname(folder)) {
        if (!file.startsWith(folder + path.sep) && existsSync(path.join(folder, 'index.ts'))) way = folder;
      }
      if (!way || target === path.join(way, 'index.ts')) return;
      let relative = path.relative(path.dirname(file), way).split(path.sep).join('/');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      context.report({
        node: node.source,
        messageId: 'deep',
        data: { specifier, folder: path.relative(path.dirname(SRC), way).split(path.sep).join('/'), way: relative },
      });
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

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

/** Import patterns naming a folder of src/ or a file in it, from anywhere. */
const folders = (...names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);
/** What a pure folder may not import: the libraries above and the folders that meet Office, files or the page. */
const PURE = [...NOT_PURE, ...folders('excel', 'taskpane', 'cli', 'workbook', 'commands', 'functions')];
/** The folders built on the grid basics and the engine. */
const ABOVE_THE_GRID = folders('cohort', 'placement', 'whatif', 'rules-sheet', 'registration', 'settings');

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
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { qualcheck: { rules: { 'one-way-in': oneWayIn } } },
    rules: { 'qualcheck/one-way-in': 'error' },
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
    // The engine, the grid basics, the reader and the verdict, where results go, What-if's row edits, the rules sheet,
    // registration prep and the saved settings run everywhere: no Office, React, file or package libraries, and nothing
    // from the folders that use them.
    files: [
      'src/rules/**',
      'src/sheet/**',
      'src/cohort/**',
      'src/placement/**',
      'src/whatif/**',
      'src/rules-sheet/**',
      'src/registration/**',
      'src/settings/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: PURE }],
      'no-restricted-globals': ['error', 'Office', ...OFFICE_EXCEL, 'fetch', 'XMLHttpRequest'],
    },
  },
  {
    // The engine and the grid basics are the bottom layer: they know nothing of what reads, judges or places cells.
    files: ['src/rules/**', 'src/sheet/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...PURE, ...ABOVE_THE_GRID] }] },
  },
  {
    // The rules sheet needs only the grid basics and the engine's definitions, nothing of the cohort.
    files: ['src/rules-sheet/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...PURE, ...folders('cohort', 'placement', 'whatif')] }],
    },
  },
  {
    // What-if reads, judges and places one learner's row; it has no use for the rules sheet or registration.
    files: ['src/whatif/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...PURE, ...folders('rules-sheet', 'registration', 'settings')] },
      ],
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
