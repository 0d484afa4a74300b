// Checks that a definition holds together as a whole: nothing declared twice, dates and ranges in order, barred
// sets that bar something; and, from satisfiable.ts, credit minimums the qualification's own units can reach.
import { boundsOf, checkRule, countsAll, type CreditRule, type RuleCheck } from '../kinds';
import type { ProblemData, QualificationDefinition } from '../model';
import type { Problems } from './build';
import { unitKey } from '../model';
import { checkReachable, checkSatisfiable } from './satisfiable';

function reportDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  report: (index: number, first: number) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else report(i, first);
  });
}

/**
 * An item listed twice in one of the definition's lists: the problem stands at the later one's field and names both
 * positions counted from 1, as a person reading the file counts them ("positions 2 and 5").
 */
function reportListedTwice<T>(
  problems: Problems,
  [list, field]: readonly [list: string, field: string],
  items: readonly T[],
  key: (item: T) => string | undefined,
  problem: (item: T, positions: { first: number; second: number }) => ProblemData,
): void {
  reportDuplicates(items, key, (i, first) =>
    problems.add([list, i, field], problem(items[i], { first: first + 1, second: i + 1 })),
  );
}

function checkDuplicates(q: QualificationDefinition, problems: Problems): void {
  reportListedTwice(
    problems,
    ['groups', 'id'],
    q.groups,
    (g) => g.id.toLowerCase(),
    (g, positions) => ({ code: 'duplicate-group', id: g.id, ...positions }),
  );
  reportListedTwice(
    problems,
    ['units', 'ref'],
    q.units,
    (u) => unitKey(u.ref),
    (u, positions) => ({ code: 'duplicate-unit', ref: u.ref, ...positions }),
  );
  reportDuplicates(
    q.units,
    (u) => (u.number === undefined ? undefined : String(u.number)),
    (i, first) =>
      problems.add(['units', i, 'number'], {
        code: 'duplicate-unit-number',
        number: q.units[i].number ?? 0,
        firstRef: q.units[first].ref,
        ref: q.units[i].ref,
      }),
  );
  reportListedTwice(
    problems,
    ['rules', 'id'],
    q.rules,
    (r) => r.id,
    (r, positions) => ({ code: 'duplicate-rule-id', id: r.id, ...positions }),
  );
  checkAliases(q, problems);
}

/** An alias that is also another unit's ref or alias would make a column header mean two units. */
function checkAliases(q: QualificationDefinition, problems: Problems): void {
  const owner = new Map<string, number>();
  q.units.forEach((u, i) => owner.set(unitKey(u.ref), i));
  q.units.forEach((u, i) =>
    (u.aliases ?? []).forEach((alias, j) => {
      const key = unitKey(alias);
      const other = owner.get(key);
      if (other !== undefined && other !== i) {
        problems.add(['units', i, 'aliases', j], {
          code: 'alias-clash',
          alias,
          unit: u.ref,
          other: q.units[other].ref,
        });
      } else owner.set(key, i);
    }),
  );
}

/** A QCF unit reference: a letter, three digits and four digits, with or without separators. */
const QCF_REF = /^[A-Z]\d{7}$/;
/**
 * A letter and two runs of digits, or runs of digits between slashes (a qualification number, 600/5106/1): a QCF unit
 * reference typed with digits missing or over, or the wrong number copied.
 */
const QCF_LIKE = /^(?:[A-Za-z]\s*[/\\.\s-]\s*\d{2,}\s*[/\\.\s-]\s*\d{2,}|\d{2,}\s*\/\s*\d{2,}(?:\s*\/\s*\d+)?)$/;
/** A QCF reference inside a longer text (`Y/600/1234 Deal with customers`), not inside a longer code. */
const QCF_INSIDE = /(?<![A-Za-z0-9])[A-Za-z]\s*[/\\.-]?\s*\d{3}\s*[/\\.-]?\s*\d{4}(?![0-9])/;

/** Why a unit reference could not head a cohort sheet's column as that unit, if it could not. */
function malformedRef(ref: string): 'qcf-digits' | 'extra-text' | 'too-short' | undefined {
  const key = unitKey(ref);
  if (QCF_REF.test(key)) return undefined;
  if (key.replace(/[^A-Z0-9]/g, '').length < 2) return 'too-short';
  if (QCF_INSIDE.test(ref)) return 'extra-text';
  return QCF_LIKE.test(ref.trim()) ? 'qcf-digits' : undefined;
}

/**
 * An equivalent is a unit of another qualification, by the ref its header carries: a ref a header could not carry,
 * one that already names this qualification's unit (its ref or an alias: the header would mean both), or one listed
 * twice (which unit would it count as?) is the definition's problem. That `countsAs` is a unit of this qualification
 * is checked as the definition is built.
 */
function checkEquivalents(q: QualificationDefinition, problems: Problems): void {
  const equivalents = q.equivalents ?? [];
  if (equivalents.length === 0) return;
  const own = new Map<string, string>();
  for (const u of q.units) for (const name of [u.ref, ...(u.aliases ?? [])]) own.set(unitKey(name), u.ref);
  equivalents.forEach((e, i) => {
    const why = malformedRef(e.ref);
    const unit = own.get(unitKey(e.ref));
    if (why !== undefined) problems.add(['equivalents', i, 'ref'], { code: 'malformed-unit-ref', ref: e.ref, why });
    else if (unit !== undefined)
      problems.add(['equivalents', i, 'ref'], { code: 'equivalent-is-own-unit', ref: e.ref, unit });
  });
  reportListedTwice(
    problems,
    ['equivalents', 'ref'],
    equivalents,
    (e) => unitKey(e.ref),
    (e, positions) => ({ code: 'duplicate-equivalent', ref: e.ref, ...positions }),
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function checkRanges(q: QualificationDefinition, problems: Problems): void {
  const { from, to } = q.operational ?? {};
  let datesValid = true;
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value === undefined || isRealIsoDate(value)) continue;
    datesValid = false;
    problems.add(['operational', field], { code: 'bad-date', field, value });
  }
  if (datesValid && from !== undefined && to !== undefined && from > to) {
    problems.add(['operational'], { code: 'dates-backwards', from, to });
  }
  if (q.glh && q.glh.min > q.glh.max) {
    problems.add(['glh'], { code: 'glh-backwards', min: q.glh.min, max: q.glh.max });
  }
}

/** Where a rule's own checks report: the problems of rule i, at one of its fields. */
function ruleCheck(q: QualificationDefinition, i: number, problems: Problems): RuleCheck {
  return {
    q,
    minimumsInAll: q.rules.filter(countsAll).map((r) => ({ id: r.id, min: boundsOf(r as CreditRule).min })),
    report: (field, problem) => problems.add(['rules', i, field], problem),
  };
}

/** Each rule's own checks of a phase, from its kind. */
function checkRules(q: QualificationDefinition, phase: 'checkTargets' | 'checkInAll', problems: Problems): void {
  q.rules.forEach((rule, i) => checkRule(rule, phase, ruleCheck(q, i, problems)));
}

/** A group's stated total must agree with its units' credits where those are known. */
function checkGroupTotals(q: QualificationDefinition, problems: Problems): void {
  q.groups.forEach((group, i) => {
    if (group.totalCredits === undefined) return;
    const units = q.units.filter((u) => u.group === group.id);
    const known = units.reduce((sum, u) => sum + (u.credits ?? 0), 0);
    const allKnown = units.every((u) => u.credits !== null);
    if ((allKnown && units.length > 0 && known !== group.totalCredits) || known > group.totalCredits) {
      problems.add(['groups', i, 'totalCredits'], {
        code: 'group-total-mismatch',
        group: group.id,
        total: group.totalCredits,
        known,
        allKnown,
      });
    }
  });
}

/**
 * Whole-definition checks. Those that add up credits by group or unit run only when every group and unit a rule or
 * unit names was found, so one misspelt group id does not also show up as an unreachable minimum.
 */
export function checkDefinition(q: QualificationDefinition, problems: Problems, referencesResolved: boolean): void {
  checkDuplicates(q, problems);
  checkEquivalents(q, problems);
  checkRanges(q, problems);
  if (!referencesResolved) return;
  checkRules(q, 'checkTargets', problems);
  checkGroupTotals(q, problems);
  checkRules(q, 'checkInAll', problems);
  checkReachable(q, problems);
  // Only for a definition clean so far: otherwise it repeats what the checks above already said.
  if (problems.list.length === 0) checkSatisfiable(q, problems);
}
