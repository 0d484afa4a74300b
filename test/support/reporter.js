// The spec reporter people read, plus a small JSON file of the totals when CI asks for one
// (QUALCHECK_MOCHA_JSON), so .ci/run can print "N passed, N failed" without parsing the spec output.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class SpecWithTotals extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const target = process.env.QUALCHECK_MOCHA_JSON;
    if (!target) return;
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) =>
      failures.push({ title: test.fullTitle(), error: String(error && error.message) }),
    );
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, JSON.stringify({ stats: runner.stats, failures }, null, 2));
    });
  }
}

module.exports = SpecWithTotals;
