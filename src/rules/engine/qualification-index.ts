// Lookups the engine needs many times per learner, built once per qualification definition.
import type { BarredRule, QualificationDefinition, UnitDefinition } from '../model';
import { isBarredRule } from '../kinds';

export interface QualificationIndex {
  readonly qualification: QualificationDefinition;
  readonly units: ReadonlyMap<string, UnitDefinition>;
  /** Units of each group, in definition order. */
  readonly groupUnits: ReadonlyMap<string, readonly UnitDefinition[]>;
  readonly barredSets: readonly BarredRule[];
  /**
   * The most credits a unit can carry. Known credits are exact; unknown credits are bounded only when the unit's
   * group states a total (then the total less the other units' known credits), otherwise unbounded (Infinity).
   */
  readonly creditCeiling: ReadonlyMap<string, number>;
  /** For groups that state a total: the credits left for their units of unknown credits, all of them together. */
  readonly unknownCreditsLeft: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<QualificationDefinition, QualificationIndex>();

export function indexQualification(qualification: QualificationDefinition): QualificationIndex {
  const cached = indexes.get(qualification);
  if (cached) return cached;
  const units = new Map(qualification.units.map((u) => [u.ref, u] as const));
  const groupUnits = new Map<string, UnitDefinition[]>();
  for (const unit of qualification.units) {
    const list = groupUnits.get(unit.group) ?? [];
    list.push(unit);
    groupUnits.set(unit.group, list);
  }
  const creditCeiling = new Map<string, number>();
  const unknownCreditsLeft = new Map<string, number>();
  for (const group of qualification.groups) {
    if (group.totalCredits === undefined) continue;
    const known = (groupUnits.get(group.id) ?? []).reduce((sum, u) => sum + (u.credits ?? 0), 0);
    unknownCreditsLeft.set(group.id, Math.max(0, group.totalCredits - known));
  }
  for (const unit of qualification.units) {
    if (unit.credits !== null) {
      creditCeiling.set(unit.ref, unit.credits);
      continue;
    }
    creditCeiling.set(unit.ref, unknownCreditsLeft.get(unit.group) ?? Infinity);
  }
  const barredSets = qualification.rules.filter(isBarredRule);
  const index: QualificationIndex = { qualification, units, groupUnits, barredSets, creditCeiling, unknownCreditsLeft };
  indexes.set(qualification, index);
  return index;
}

/** Canonical spelling of a QCF unit reference: `l 601 0933` and `L6010933` both become `L/601/0933`. */
export function normaliseUnitRef(text: string): string {
  const compact = text
    .trim()
    .toUpperCase()
    .replace(/[\s/\\.-]+/g, '');
  const m = /^([A-Z])(\d{3})(\d{4})$/.exec(compact);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : text.trim();
}
