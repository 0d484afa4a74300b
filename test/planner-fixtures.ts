// Qualifications for the planner's tests and benchmark: one shaped like IQ 600/5106/1 (its 39 units, credits and GLH
// from the specification's unit table, the levels the specs README found, every other level unknown), and a
// generator of small random qualifications and learners that exercises every rule kind.
import fc from 'fast-check';
import type { GroupDefinition, LearnerUnits, QualificationDefinition, Rule, UnitDefinition } from '../src/rules/model';

type Row = [ref: string, group: string, credits: number, glh: number, level: number | null, title: string];

// In the order of the specification's table.
const IQ_UNITS: Row[] = [
  ['L/601/0933', 'C', 5, 33, null, 'Give customers a positive impression of yourself and your organisation'],
  ['D/503/0352', 'A', 2, 9, 1, 'Comply with health and safety procedures in a contact centre'],
  ['L/601/1225', 'C', 5, 33, null, 'Deal with customers using bespoke software'],
  ['M/502/4300', 'C', 3, 20, 2, 'Using Email'],
  ['M/601/1511', 'C', 6, 40, null, 'Resolve customer service problems'],
  ['H/503/0403', 'B', 4, 12, null, 'Communicate information to customers in different but familiar contexts through a contact centre'],
  ['J/502/4299', 'C', 2, 15, 1, 'Using Email'],
  ['Y/502/4291', 'C', 2, 15, 1, 'IT Communication Fundamentals'],
  ['F/502/4379', 'C', 4, 30, 2, 'Using Collaborative Technologies'],
  ['F/502/4396', 'C', 3, 20, 2, 'Bespoke Software'],
  ['R/601/1548', 'C', 6, 40, null, 'Develop your own customer service skills through self-study'],
  ['F/601/1223', 'C', 5, 33, null, 'Deal with incoming telephone calls from customers'],
  ['M/502/8606', 'C', 3, 22, null, 'Handling objections and closing sales'],
  ['F/502/8559', 'C', 2, 13, null, 'Time planning in sales'],
  ['L/503/0394', 'B', 5, 15, null, 'Carry out direct sales activities in a contact centre'],
  ['T/502/4296', 'C', 3, 20, 1, 'Using the Internet'],
  ['M/601/1542', 'C', 5, 33, null, 'Buddy a colleague to develop their customer service skills'],
  ['L/502/4627', 'C', 3, 20, 1, 'Word processing software'],
  ['K/503/0385', 'B', 5, 12, null, 'Deliver customer service through a contact centre'],
  ['K/503/0421', 'B', 7, 40, null, 'Deal with incidents through a contact centre'],
  ['A/502/4297', 'C', 4, 30, 2, 'Using the Internet'],
  ['D/502/8584', 'C', 2, 15, null, 'Inputting and accessing sales or marketing data in information systems'],
  ['D/601/0936', 'C', 6, 40, null, 'Promote additional services or products to customers'],
  ['A/502/4378', 'C', 3, 20, 1, 'Using Collaborative Technologies'],
  ['J/503/0362', 'B', 4, 24, null, 'Use systems and technology during customer contact in a contact centre'],
  ['J/502/8580', 'C', 4, 27, null, 'Selling by telephone - outbound'],
  ['J/503/0426', 'B', 5, 15, null, 'Support customers and colleagues when providing contact centre services'],
  ['D/502/4292', 'C', 2, 15, 2, 'IT Communication Fundamentals'],
  ['L/503/0413', 'B', 4, 18, null, 'Provide support through a contact centre for specified products and/or services'],
  ['L/601/1614', 'C', 4, 30, null, 'Follow the rules to deliver customer service'],
  ['H/600/9660', 'C', 3, 15, null, 'Develop working relationships with colleagues'],
  ['T/601/1512', 'C', 6, 40, null, 'Deliver customer service to difficult customers'],
  ['D/601/1522', 'C', 6, 40, null, 'Process customer service complaints'],
  ['H/601/1215', 'C', 5, 33, null, 'Process information about customers'],
  ['Y/601/1227', 'C', 4, 27, null, 'Maintain customer service through effective hand over'],
  ['D/601/1553', 'C', 8, 53, null, 'Work with others to improve customer service'],
  ['J/502/8577', 'C', 4, 27, null, 'Selling by telephone - inbound'],
  ['H/601/1540', 'C', 5, 33, null, 'Support customers using on-line customer services'],
  ['T/503/0342', 'A', 4, 15, 2, 'Improve personal effectiveness at work in a contact centre'],
];

const IQ_BARRED: Record<string, [string, string]> = {
  C1: ['L/601/1225', 'F/502/4396'],
  C2: ['M/502/4300', 'J/502/4299'],
  C3: ['F/502/4379', 'A/502/4378'],
  C4: ['T/502/4296', 'A/502/4297'],
  C5: ['Y/502/4291', 'D/502/4292'],
};

/** 600/5106/1 as the specification states it; `overrides` lets a test supply levels a centre would. */
export function iqContactCentre(levels: Record<string, number> = {}): QualificationDefinition {
  const units: UnitDefinition[] = IQ_UNITS.map(([ref, group, credits, glh, level, title]) => ({
    ref,
    title,
    credits,
    glh,
    level: levels[ref] ?? level,
    group,
  }));
  const rules: Rule[] = [
    { id: 'total', kind: 'totalCredits', min: 28, text: 'Learners must achieve 28 credits' },
    { id: 'level2', kind: 'levelCredits', level: 2, orAbove: false, min: 15, text: '15 of which must be at level 2' },
    { id: 'mandatory', kind: 'mandatory', group: 'A', text: '6 credits from both of the mandatory units' },
    { id: 'groupB', kind: 'groupCredits', groups: ['B'], min: 12, text: 'a minimum of 12 credits from Optional Group B' },
    {
      id: 'groupBC',
      kind: 'groupCredits',
      groups: ['B', 'C'],
      min: 22,
      text: 'the remaining 10 credits selected from Optional Group B and Optional Group C',
    },
    ...Object.entries(IQ_BARRED).map(([id, pair]): Rule => ({ id, kind: 'barred', units: pair, text: `Barred units: only one unit of set ${id} can count` })),
  ];
  return {
    id: '600/5106/1',
    title: 'IQ Level 2 NVQ Certificate In Contact Centre Operations (QCF)',
    awardingBody: 'IQ',
    level: 2,
    groups: [
      { id: 'A', title: 'Mandatory Group A' },
      { id: 'B', title: 'Optional Group B' },
      { id: 'C', title: 'Optional Group C' },
    ],
    units,
    rules,
  };
}

const GROUP_IDS = ['G0', 'G1', 'G2'];

const optional = <T>(arb: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | null> => fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: arb, weight: freq });

/** A small qualification: up to `maxUnits` units in up to three groups, unknown values, and every rule kind. */
export function arbitraryQualification(maxUnits = 12): fc.Arbitrary<QualificationDefinition> {
    // Mostly larger qualifications: small ones are quick to get right, large ones make the search prune.
  const size = fc.oneof(
    { arbitrary: fc.noBias(fc.integer({ min: 1, max: Math.ceil(maxUnits / 2) })), weight: 1 },
    { arbitrary: fc.noBias(fc.integer({ min: Math.ceil(maxUnits / 2), max: maxUnits })), weight: 2 },
  );
  return size.chain((n) => {
    const refs = Array.from({ length: n }, (_, i) => `U${i}`);
    const unitArb = (ref: string): fc.Arbitrary<UnitDefinition> =>
      fc.record({
        group: fc.constantFrom(...GROUP_IDS),
        credits: optional(fc.integer({ min: 0, max: 6 }), 4),
        glh: optional(fc.integer({ min: 0, max: 30 }), 5),
        level: optional(fc.integer({ min: 1, max: 3 }), 4),
      }).map((u) => ({ ref, title: `Unit ${ref}`, ...u }));
    const groupsArb = fc.tuple(...GROUP_IDS.map((id) => optional(fc.integer({ min: 0, max: 10 }), 1).map((total): GroupDefinition => ({ id, title: `Group ${id}`, ...(total === null ? {} : { totalCredits: total }) }))));
    const rulesArb = fc.record({
      total: optional(fc.integer({ min: 0, max: 20 }), 3),
      level: optional(fc.record({ level: fc.integer({ min: 1, max: 3 }), orAbove: fc.boolean(), min: fc.integer({ min: 0, max: 12 }) }), 2),
      mandatory: fc.subarray(GROUP_IDS, { maxLength: 2 }),
      groupCredits: fc.array(fc.record({ groups: fc.subarray(GROUP_IDS, { minLength: 1 }), min: fc.integer({ min: 0, max: 12 }) }), { maxLength: 2 }),
      barred: n >= 2 ? fc.array(fc.subarray(refs, { minLength: 2, maxLength: Math.min(3, n) }), { maxLength: 3 }) : fc.constant<string[][]>([]),
    });
    return fc.tuple(fc.tuple(...refs.map(unitArb)), groupsArb, rulesArb).map(([units, groups, r]) => {
      const rules: Rule[] = [];
      if (r.total !== null) rules.push({ id: 'total', kind: 'totalCredits', min: r.total, text: `${r.total} credits` });
      if (r.level !== null) rules.push({ id: 'level', kind: 'levelCredits', ...r.level, text: `${r.level.min} credits at level ${r.level.level}` });
      r.mandatory.forEach((g, i) => rules.push({ id: `mandatory${i}`, kind: 'mandatory', group: g, text: `all of ${g}` }));
      r.groupCredits.forEach((g, i) => rules.push({ id: `group${i}`, kind: 'groupCredits', groups: g.groups, min: g.min, text: `${g.min} from ${g.groups.join('+')}` }));
      r.barred.forEach((set, i) => rules.push({ id: `barred${i}`, kind: 'barred', units: set, text: `one of ${set.join(', ')}` }));
      return { id: 'GEN/1', title: 'Generated', awardingBody: 'Test', level: 2, groups: [...groups], units: [...units], rules };
    });
  });
}

/**
 * A learner of the qualification: each unit not taken (most often), achieved or planned, and at times a unit of
 * another qualification; barred clashes happen.
 */
export function arbitraryLearner(q: QualificationDefinition): fc.Arbitrary<LearnerUnits> {
  const state = fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 8 },
    { arbitrary: fc.constant('achieved' as const), weight: 1 },
    { arbitrary: fc.constant('planned' as const), weight: 1 },
  );
  return fc.tuple(fc.array(state, { minLength: q.units.length, maxLength: q.units.length }), fc.boolean()).map(([states, stranger]) => ({
    achieved: q.units.filter((_, i) => states[i] === 'achieved').map((u) => u.ref),
    planned: [...q.units.filter((_, i) => states[i] === 'planned').map((u) => u.ref), ...(stranger ? ['Z/999/9999'] : [])],
  }));
}

/** A learner drawn with `random()` (0..1), for the benchmark: a few units achieved, a few planned. */
export function randomLearner(q: QualificationDefinition, random: () => number): LearnerUnits {
  const achieved: string[] = [];
  const planned: string[] = [];
  const share = random() * 0.5;
  for (const unit of q.units) {
    const x = random();
    if (x < share / 2) achieved.push(unit.ref);
    else if (x < share) planned.push(unit.ref);
  }
  return { achieved, planned };
}
