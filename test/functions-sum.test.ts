// The worksheet functions with a rules block of the general rule: the status and the violations in each rule's own
// measure and with its maximum, as the engine gives them for the same units.
import assert from 'node:assert/strict';
import { rulesSheetGrid } from '../src/rules-sheet/write';
import { columnLetters } from '../src/sheet/address';
import * as functions from '../src/functions/functions';
import { readQualificationDefinitions } from '../src/rules/definition/definition';
import { DEFINITION } from './fixtures/sum-definition';
import { cellOf, excelRow, installCustomFunctions } from './support/custom-functions';

// Each function gives its value as a 1×1 matrix (functions.json: requiresParameterAddresses); the cell shows that one.
const fx = { status: cellOf(functions.status), violations: cellOf(functions.violations) };

const HEADERS = ['Learner', 'Qualification', 'K/503/0421', 'L/503/0394', 'K/503/0385', 'T/503/0001', 'T/503/0002'];

function invocation(...addresses: (string | undefined)[]): CustomFunctions.Invocation {
  return { parameterAddresses: addresses.map((a) => a ?? '') } as CustomFunctions.Invocation;
}

describe('worksheet functions with a rules block of sums and maxima', () => {
  before(() => installCustomFunctions());

  const [centre] = readQualificationDefinitions(DEFINITION, 'centre.json').definitions;
  const layout = rulesSheetGrid([centre]);
  const right = layout.width;
  const block = layout.values.map((row) => excelRow(row, 1, right)[0]);
  const blockAddress = `'Qualification rules'!A1:${columnLetters(right)}${layout.values.length}`;
  const w = HEADERS.length;
  const row = (marks: (string | null)[], r: number) => ({
    headers: excelRow(HEADERS, 1, w),
    marks: excelRow(marks, 1, w),
    at: invocation(`Cohort!$A$1:$G$1`, `Cohort!$A$${r}:$G$${r}`, undefined, blockAddress),
  });

  it('say invalid for units past a forbidding maximum, naming the rule’s units', () => {
    const { headers, marks, at } = row(['L2', '999/0001/1', 'A', 'A', null, 'A', 'A'], 3);
    assert.equal(fx.status(headers, marks, null, block, at), 'invalid');
    assert.match(
      String(fx.violations(headers, marks, null, block, at)),
      /T\/503\/0001 and T\/503\/0002 chosen: more than the 1 unit from Optional Group D allowed/,
    );
  });

  it('give a GLH shortfall in GLH', () => {
    const { headers, marks, at } = row(['L3', '999/0001/1', 'A', 'A', null, null, null], 4);
    assert.equal(fx.status(headers, marks, null, block, at), 'incomplete');
    assert.match(String(fx.violations(headers, marks, null, block, at)), /50 of 60 GLH: 10 GLH short/);
  });
});
