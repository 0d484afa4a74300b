// Which values the checks take from the centre rather than the built-in catalogue, one line per unit, for the pane.
import { centreFacts, type UnitFact } from '../../rules/engine';
import type { QualificationDefinition } from '../../rules/model';

const FACT_WORDS: Record<UnitFact, string> = {
  credits: 'credits',
  level: 'level',
  glh: 'GLH',
  group: 'group',
  number: 'number',
  title: 'title',
};
const ORDER: readonly UnitFact[] = ['credits', 'level', 'glh', 'group', 'number', 'title'];

export interface CentreValues {
  qualificationId: string;
  /** `T/503/0356 (Unit 1): credits and level from your rules sheet` */
  lines: string[];
}

export function centreValues(definitions: readonly QualificationDefinition[]): CentreValues[] {
  const out: CentreValues[] = [];
  for (const q of definitions) {
    const lines: string[] = [];
    for (const unit of q.units) {
      const facts = centreFacts(unit);
      if (facts.size === 0) continue;
      const byOrigin = new Map<string, string[]>();
      for (const fact of ORDER) {
        const origin = facts.get(fact);
        if (origin !== undefined) byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), FACT_WORDS[fact]]);
      }
      const name = unit.number === undefined ? unit.ref : `${unit.ref} (Unit ${unit.number})`;
      const parts = [...byOrigin].map(([origin, words]) => `${words.join(', ')} from ${origin}`);
      lines.push(`${name}: ${parts.join('; ')}`);
    }
    if (lines.length > 0) out.push({ qualificationId: q.id, lines });
  }
  return out;
}
