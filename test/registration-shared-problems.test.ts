// Problems many learners share (src/registration/shared-problems.ts), counted at once or a slice at a time as the pane
// checks a large cohort: the same problems are shared either way.
import assert from 'node:assert/strict';
import { SharedProblemTally, sharedProblems } from '../src/registration/shared-problems';

const closed = { code: 'qualification-closed', message: 'The qualification closed to registration on 31/12/2012' };
const young = { code: 'too-young', message: 'Under 16 on the registration date' };
const results = [
  ...Array.from({ length: 9 }, () => ({ problems: [{ ...closed }] })),
  ...Array.from({ length: 3 }, () => ({ problems: [{ ...young }, { ...closed }] })),
  ...Array.from({ length: 8 }, () => ({ problems: [] })),
];

describe('registration: problems shared by many learners', () => {
  it('says once a problem a quarter of the learners share word for word, most learners first', () => {
    const { shared, isShared } = sharedProblems(results);
    // 12 of 20 learners share the closed qualification; 3 of 20 (under a quarter) are too young.
    assert.deepEqual(shared, [{ ...closed, learners: 12 }]);
    assert.equal(isShared({ ...closed }), true);
    assert.equal(isShared({ ...young }), false);
    assert.equal(isShared({ code: closed.code, message: `${closed.message}.` }), false);
    assert.equal(isShared({ code: 'other', message: closed.message }), false);
  });

  it('finds the same shared problems when the learners are counted a slice at a time', () => {
    const tally = new SharedProblemTally<string>();
    for (let i = 0; i < results.length; i += 7) tally.add(results.slice(i, i + 7));
    const sliced = tally.finish();
    assert.deepEqual(sliced.shared, sharedProblems(results).shared);
    assert.equal(sliced.isShared({ ...closed }), true);
    // The quarter is of every learner added, not of the last slice: 3 too young of 20 stay below it.
    assert.equal(sliced.isShared({ ...young }), false);
  });
});
