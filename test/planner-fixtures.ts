// Qualifications for the planner's tests and benchmark: the embedded IQ 600/5106/1, and a generator of small random qualifications and learners that exercises every rule kind.
import fc from 'fast-check';
import { embeddedCatalogue } from '../src/rules/catalogue';
import type {
  GroupDefinition,
  LearnerUnits,
  QualificationDefinition,
  Rule,
  UnitDefinition,
} from '../src/rules/model/model';

/** 600/5106/1 from the embedded catalogue; `levels` lets a test supply unit levels a centre would. */
export function iqContactCentre(levels: Record<string, number> = {}): QualificationDefinition {
  const iq = embeddedCatalogue().find('600/5106/1');
  if (!iq) throw new Error('600/5106/1 missing from the embedded catalogue');
  return { ...iq, units: iq.units.map((u) => ({ ...u, level: levels[u.ref] ?? u.level })) };
}

/** The five sales units whose level 2 comes from a Sales level 2 unit list (shared/specs/README.md). */
const SALES_LEVEL_2 = ['F/502/8559', 'M/502/8606', 'J/502/8577', 'J/502/8580', 'D/502/8584'];

/**
 * 600/5106/1 without the sales units' levels, as a centre's copy made before those were known: their 15 level 2
 * credits let every learner meet the level rule with known units, so only this copy shows the planner counting on
 * unknown levels.
 */
export function iqWithoutSalesLevels(): QualificationDefinition {
  const iq = iqContactCentre();
  return { ...iq, units: iq.units.map((u) => (SALES_LEVEL_2.includes(u.ref) ? { ...u, level: null } : u)) };
}

const GROUP_IDS = ['G0', 'G1', 'G2'];

const optional = <T>(arb: fc.Arbitrary<T>, freq = 3): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: arb, weight: freq });

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
      fc
        .record({
          group: fc.constantFrom(...GROUP_IDS),
          credits: optional(fc.integer({ min: 0, max: 6 }), 4),
          glh: optional(fc.integer({ min: 0, max: 30 }), 5),
          level: optional(fc.integer({ min: 1, max: 3 }), 4),
        })
        .map((u) => ({ ref, title: `Unit ${ref}`, ...u }));
    const groupsArb = fc.tuple(
      ...GROUP_IDS.map((id) =>
        optional(fc.integer({ min: 0, max: 10 }), 1).map((total): GroupDefinition => ({
          id,
          title: `Group ${id}`,
          ...(total === null ? {} : { totalCredits: total }),
        })),
      ),
    );
    const rulesArb = fc.record({
      total: optional(fc.integer({ min: 0, max: 20 }), 3),
      level: optional(
        fc.record({
          level: fc.integer({ min: 1, max: 3 }),
          orAbove: fc.boolean(),
          min: fc.integer({ min: 0, max: 12 }),
        }),
        2,
      ),
      mandatory: fc.subarray(GROUP_IDS, { maxLength: 2 }),
      groupCredits: fc.array(
        fc.record({ groups: fc.subarray(GROUP_IDS, { minLength: 1 }), min: fc.integer({ min: 0, max: 12 }) }),
        { maxLength: 2 },
      ),
      barred:
        n >= 2
          ? fc.array(fc.subarray(refs, { minLength: 2, maxLength: Math.min(3, n) }), { maxLength: 3 })
          : fc.constant<string[][]>([]),
    });
    return fc.tuple(fc.tuple(...refs.map(unitArb)), groupsArb, rulesArb).map(([units, groups, r]) => {
      const rules: Rule[] = [];
      if (r.total !== null) rules.push({ id: 'total', kind: 'totalCredits', min: r.total, text: `${r.total} credits` });
      if (r.level !== null)
        rules.push({
          id: 'level',
          kind: 'levelCredits',
          ...r.level,
          text: `${r.level.min} credits at level ${r.level.level}`,
        });
      r.mandatory.forEach((g, i) =>
        rules.push({ id: `mandatory${i}`, kind: 'mandatory', group: g, text: `all of ${g}` }),
      );
      r.groupCredits.forEach((g, i) =>
        rules.push({
          id: `group${i}`,
          kind: 'groupCredits',
          groups: g.groups,
          min: g.min,
          text: `${g.min} from ${g.groups.join('+')}`,
        }),
      );
      r.barred.forEach((set, i) =>
        rules.push({ id: `barred${i}`, kind: 'barred', units: set, text: `one of ${set.join(', ')}` }),
      );
      return {
        id: 'GEN/1',
        title: 'Generated',
        awardingBody: 'Test',
        level: 2,
        groups: [...groups],
        units: [...units],
        rules,
      };
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
  return fc
    .tuple(fc.array(state, { minLength: q.units.length, maxLength: q.units.length }), fc.boolean())
    .map(([states, stranger]) => ({
      achieved: q.units.filter((_, i) => states[i] === 'achieved').map((u) => u.ref),
      planned: [
        ...q.units.filter((_, i) => states[i] === 'planned').map((u) => u.ref),
        ...(stranger ? ['Z/999/9999'] : []),
      ],
    }));
}

/** Mulberry32: a small seeded generator of numbers in [0, 1), so a benchmark or test sees the same learners on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

/**
 * A small qualification of the general rule: sums of credits, GLH or units over groups, named units and a level
 * filter, with minimums and maxima of both kinds, beside a total, a mandatory group and barred sets; unknown credits,
 * GLH and levels, and group totals. `maxUnits` keeps a brute force over every allocation quick.
 */
export function arbitrarySumQualification(maxUnits = 9): fc.Arbitrary<QualificationDefinition> {
  return fc.integer({ min: 2, max: maxUnits }).chain((n) => {
    const refs = Array.from({ length: n }, (_, i) => `U${i}`);
    const unitArb = (ref: string): fc.Arbitrary<UnitDefinition> =>
      fc
        .record({
          group: fc.constantFrom(...GROUP_IDS),
          credits: optional(fc.integer({ min: 0, max: 6 }), 5),
          glh: optional(fc.integer({ min: 0, max: 30 }), 5),
          level: optional(fc.integer({ min: 1, max: 3 }), 5),
        })
        .map((u) => ({ ref, title: `Unit ${ref}`, ...u }));
    const groupsArb = fc.tuple(
      ...GROUP_IDS.map((id) =>
        optional(fc.integer({ min: 0, max: 12 }), 1).map((total): GroupDefinition => ({
          id,
          title: `Group ${id}`,
          ...(total === null ? {} : { totalCredits: total }),
        })),
      ),
    );
    const sumArb = fc
      .record({
        of: fc.constantFrom('credits' as const, 'glh' as const, 'units' as const),
        groups: optional(fc.subarray(GROUP_IDS, { minLength: 1 }), 1),
        units: optional(fc.subarray(refs, { minLength: 1 }), 1),
        level: optional(
          fc.record({ match: fc.constantFrom('exactly', 'atLeast', 'atMost'), level: fc.integer({ min: 1, max: 3 }) }),
          1,
        ),
        min: optional(fc.integer({ min: 1, max: 12 }), 2),
        max: optional(fc.integer({ min: 0, max: 12 }), 2),
        forbidden: fc.boolean(),
      })
      .filter((r) => r.min !== null || r.max !== null);
    const rulesArb = fc.record({
      total: optional(fc.integer({ min: 1, max: 20 }), 1),
      mandatory: fc.subarray(GROUP_IDS, { maxLength: 1 }),
      sums: fc.array(sumArb, { minLength: 1, maxLength: 3 }),
      barred: fc.array(fc.subarray(refs, { minLength: 2, maxLength: Math.min(3, n) }), { maxLength: 2 }),
      equivalent: optional(fc.constantFrom(...refs), 1),
    });
    return fc.tuple(fc.tuple(...refs.map(unitArb)), groupsArb, rulesArb).map(([units, groups, r]) => {
      const rules: Rule[] = [];
      if (r.total !== null) rules.push({ id: 'total', kind: 'totalCredits', min: r.total, text: `${r.total} credits` });
      r.mandatory.forEach((g, i) => rules.push({ id: `mandatory${i}`, kind: 'mandatory', group: g, text: `all ${g}` }));
      r.sums.forEach((s, i) => {
        const scale = s.of === 'glh' ? 5 : 1;
        const level =
          s.level === null
            ? undefined
            : s.level.match === 'exactly'
              ? { exactly: s.level.level }
              : s.level.match === 'atLeast'
                ? { atLeast: s.level.level }
                : { atMost: s.level.level };
        rules.push({
          id: `sum${i}`,
          kind: 'sum',
          of: s.of,
          ...(s.groups === null ? {} : { groups: s.groups }),
          ...(s.units === null ? {} : { units: s.units }),
          ...(level === undefined ? {} : { level }),
          min: (s.min ?? 0) * scale,
          ...(s.max === null ? {} : { max: s.max * scale }),
          overMax: s.forbidden ? 'forbidden' : 'not-counted',
          text: `sum ${i}`,
        });
      });
      r.barred.forEach((set, i) =>
        rules.push({ id: `barred${i}`, kind: 'barred', units: set, text: `one of ${set.join(', ')}` }),
      );
      return {
        id: 'GEN/2',
        title: 'Generated sums',
        awardingBody: 'Test',
        level: 2,
        groups: [...groups],
        units: [...units],
        rules,
        ...(r.equivalent === null
          ? {}
          : { equivalents: [{ ref: 'E/000/0001', title: 'Elsewhere', countsAs: r.equivalent }] }),
      };
    });
  });
}

/**
 * A generated qualification of the general rule's shapes for the benchmark: 40 units in four groups (a few of unknown
 * GLH or level), a mandatory group, a total, a GLH minimum, a count of units from a group, credits at level 2 or
 * above, named units, a maximum that leaves units out of Group C, one that forbids more than one unit of Group D,
 * and three barred pairs. The same on every run.
 */
export function sumBenchQualification(): QualificationDefinition {
  const random = seeded(2323);
  const groups = ['A', 'B', 'C', 'D'];
  const units: UnitDefinition[] = Array.from({ length: 40 }, (_, i) => {
    const group = i < 3 ? 'A' : groups[1 + (i % 3)];
    return {
      ref: `S/${String(100 + i)}/0000`,
      title: `Unit ${i}`,
      credits: 1 + Math.floor(random() * 6),
      glh: random() < 0.1 ? null : 10 * (1 + Math.floor(random() * 6)),
      level: random() < 0.1 ? null : 1 + Math.floor(random() * 3),
      group,
    };
  });
  const ref = (i: number) => units[i].ref;
  const rules: Rule[] = [
    { id: 'mandatory', kind: 'mandatory', group: 'A', text: 'all the units of Group A' },
    { id: 'total', kind: 'totalCredits', min: 37, text: 'a minimum of 37 credits' },
    { id: 'glh', kind: 'sum', of: 'glh', min: 200, overMax: 'not-counted', text: 'a minimum of 200 GLH' },
    { id: 'three-B', kind: 'sum', of: 'units', groups: ['B'], min: 3, overMax: 'not-counted', text: '3 units from B' },
    {
      id: 'level',
      kind: 'sum',
      of: 'credits',
      level: { atLeast: 2 },
      min: 15,
      overMax: 'not-counted',
      text: '15 credits at level 2 or above',
    },
    {
      id: 'named',
      kind: 'sum',
      of: 'credits',
      units: [ref(4), ref(7), ref(10), ref(13)],
      min: 4,
      overMax: 'not-counted',
      text: '4 credits from four named units',
    },
    {
      id: 'max-C',
      kind: 'sum',
      of: 'credits',
      groups: ['C'],
      min: 0,
      max: 8,
      overMax: 'not-counted',
      text: 'a maximum of 8 credits from Group C can count',
    },
    {
      id: 'one-D',
      kind: 'sum',
      of: 'units',
      groups: ['D'],
      min: 0,
      max: 1,
      overMax: 'forbidden',
      text: 'not more than one unit from Group D',
    },
    ...[
      [5, 8],
      [11, 14],
      [20, 23],
    ].map(([a, b], i): Rule => ({ id: `barred${i}`, kind: 'barred', units: [ref(a), ref(b)], text: 'barred pair' })),
  ];
  return {
    id: 'GEN/SUM',
    title: 'Generated sums',
    awardingBody: 'Test',
    level: 2,
    groups: groups.map((id) => ({ id, title: `Group ${id}` })),
    units,
    rules,
  };
}
