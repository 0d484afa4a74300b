// Builds the task pane and the ribbon-command page into dist/ (npm run build), and serves them on
// https://localhost:3000 with the Office development certificates (npm run dev-server).
// `--env testHost` adds the fake Excel host bundle the browser tests inject in place of office.js;
// `--env outDir=...` sends a build elsewhere (the browser tests build into test-artifacts/ so dist/ stays a release build).
// `--env publicUrl=https://host/path/` builds for a deployment: dist/manifest.xml points every URL at that address and is
// validated offline; manifest.xml itself stays the development manifest.
// src/rules/definition/shape.ts is built from the schema by scripts/definition-shape-loader.cjs: the definition
// validator as generated code, without ajv's compiler.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');

/** The one remote script the pane loads: Office requires office.js from its CDN, never a bundled copy. */
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Its counterpart for the worksheet functions' page, from the same CDN. */
const CUSTOM_FUNCTIONS_RUNTIME_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js';
/** The worksheet functions: functions.json is generated from this file's JSDoc, which also gets the associate calls. */
const FUNCTIONS_SOURCE = './src/functions/functions.ts';
// QUALCHECK_DEV_PORT: for tests of npm start, which must not meet a dev server already on 3000; the manifest says 3000.
const DEV_PORT = Number(process.env.QUALCHECK_DEV_PORT) || 3000;
const DEFINITION_SHAPE = path.resolve(__dirname, 'src/rules/definition/shape.ts');

async function devCertificates() {
  const folder = process.env.QUALCHECK_DEV_CERTS;
  if (folder) {
    const fs = require('node:fs');
    const read = (name) => fs.readFileSync(path.join(folder, name));
    return { ca: read('ca.crt'), cert: read('localhost.crt'), key: read('localhost.key') };
  }
  return require('office-addin-dev-certs').getHttpsServerOptions();
}

/**
 * The copy of manifest.xml that dist/ gets for `--env publicUrl=...`. A bad address stops the build before it starts,
 * with one line and exit code 2. The manifest code is TypeScript shared with `npm run validate`, loaded through tsx.
 */
function deploymentManifestTransform(publicUrlOption) {
  const tsx = require('tsx/cjs/api');
  const { parsePublicUrl, validatedDeploymentManifest } = tsx.require('./scripts/deployment-manifest.ts', __filename);
  let publicUrl;
  try {
    publicUrl = parsePublicUrl(publicUrlOption);
  } catch (error) {
    console.error(`qualcheck: ${error.message}`);
    process.exit(2);
  }
  return (content) =>
    validatedDeploymentManifest(content.toString(), publicUrl, (line) => console.warn(`qualcheck: ${line}`));
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const entry = {
    taskpane: './src/taskpane/index.tsx',
    commands: './src/commands/commands.ts',
    functions: FUNCTIONS_SOURCE,
  };
  if (env.testHost) entry['test-host'] = './test/browser/host/entry.ts';
  // `--env publicUrl=` (no value) leaves the key with an undefined value: refused too, rather than building for localhost.
  const manifestTransform = 'publicUrl' in env ? deploymentManifestTransform(env.publicUrl) : undefined;

  const config = {
    mode,
    entry,
    // Source maps are left out of release builds: nothing in dist/ should be needed but the pane itself.
    devtool: mode === 'development' ? 'source-map' : false,
    output: {
      path: path.resolve(__dirname, env.outDir || 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // The pane's tabs past the first are loaded on demand with import('./x.js'), as the type checker (nodenext) wants
      // it written; the file is x.tsx or x.ts.
      extensionAlias: { '.js': ['.tsx', '.ts', '.js'] },
      // csv-stringify's default build expects Node's global Buffer; its browser build carries its own.
      alias: { 'csv-stringify/sync$': 'csv-stringify/browser/esm/sync' },
    },
    module: {
      rules: [
        { test: DEFINITION_SHAPE, loader: path.resolve(__dirname, 'scripts/definition-shape-loader.cjs') },
        // A folder's index.ts is its only way in (eslint.config.mjs) and only declares or re-exports: without this,
        // a file that needs one name of a folder would bring every module the index lists into its chunk (the rules
        // sheet's reading and writing, loaded on demand, into the pane's first view).
        { test: /[\\/]src[\\/].+[\\/]index\.ts$/, sideEffects: false },
        {
          test: /\.tsx?$/,
          exclude: [/node_modules/, DEFINITION_SHAPE],
          loader: 'ts-loader',
          options: {
            // Types are checked by `npm run typecheck`; here only transpile, as ES modules so webpack can drop unused Fluent UI code.
            transpileOnly: true,
            compilerOptions: {
              noEmit: false,
              module: 'es2022',
              moduleResolution: 'bundler',
              sourceMap: mode === 'development',
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        officeJs: OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        officeJs: OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        filename: 'functions.html',
        template: './src/functions/functions.html',
        chunks: ['functions'],
        customFunctionsRuntimeJs: CUSTOM_FUNCTIONS_RUNTIME_JS,
      }),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: FUNCTIONS_SOURCE }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'manifest.xml', to: 'manifest.xml', ...(manifestTransform && { transform: manifestTransform }) },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
        ],
      }),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };

  if (serving) {
    // Only the dev server needs certificates. office-addin-dev-certs creates them in ~/.office-addin-dev-certs and
    // trusts them on first use (it asks for an administrator password); QUALCHECK_DEV_CERTS names a folder that
    // already holds ca.crt, localhost.crt and localhost.key instead.
    const options = await devCertificates();
    config.devServer = {
      port: DEV_PORT,
      host: 'localhost',
      server: { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } },
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'assets'), publicPath: '/assets' },
      client: { overlay: false },
    };
  }
  return config;
};
