import assert from 'node:assert/strict';
describe('toolchain', () => { it('runs typescript tests', () => { const n: number = 2; assert.equal(n + 1, 3); }); });
