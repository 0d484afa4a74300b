// webpack loader for src/rules/definition/shape.ts: replaces the module with its validator generated as code at build
// time (scripts/definition-shape-code.ts), so the pane does not carry ajv's compiler. The schema is TypeScript, read
// through tsx as webpack.config.js reads the manifest code.
const path = require('node:path');

module.exports = function definitionShapeLoader() {
  this.addContextDependency(path.resolve(__dirname, '../src/rules'));
  const tsx = require('tsx/cjs/api');
  const { definitionShapeModule } = tsx.require('./definition-shape-code.ts', __filename);
  return definitionShapeModule();
};
