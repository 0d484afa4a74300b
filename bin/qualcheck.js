#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so the installed bin and `npm run qualcheck` run the same code.
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
