// Which qualification a learner's cell names: an id in any spelling, an awarding-body code, or the title.
import type { Catalogue } from '../../rules/catalogue';
import type { QualificationDefinition } from '../../rules/model';
import { titleKey } from './unit-index';

/** `600/5106/1`, `600 5106 1`, `60051061`, `500/1234/X` inside a longer text. */
const QUALIFICATION_NUMBER = /(?<![0-9])(\d{3})\s*(?:[/-]\s*)?(\d{4})\s*(?:[/-]\s*)?([0-9X])(?![0-9])/i;
const SCHEME_CODE = /(?<![0-9])(\d{5})(?![0-9])/g;

function bareTitle(title: string): string {
  return titleKey(title.replace(/\(\s*QCF\s*\)/gi, ' '));
}

export class QualificationResolver {
  private readonly cache = new Map<string, QualificationDefinition | null>();
  private readonly byTitle = new Map<string, QualificationDefinition>();
  /** Title spellings that several qualifications share: they resolve to none, and the reader says which share it. */
  private readonly shared = new Map<string, QualificationDefinition[]>();

  constructor(private readonly catalogue: Catalogue) {
    const owners = new Map<string, QualificationDefinition[]>();
    for (const q of catalogue.qualifications) {
      for (const key of new Set([titleKey(q.title), bareTitle(q.title)]))
        owners.set(key, [...(owners.get(key) ?? []), q]);
    }
    for (const [key, qs] of owners) {
      if (qs.length === 1) this.byTitle.set(key, qs[0]);
      else this.shared.set(key, qs);
    }
  }

  /** The qualifications whose title `text` is, when more than one has it; else none. */
  sharing(text: string): readonly QualificationDefinition[] {
    // Titles the catalogue refuses as shared are shared here too: these keys are looser than its exact titles.
    return this.shared.get(titleKey(text)) ?? this.shared.get(bareTitle(text)) ?? [];
  }

  resolve(text: string): QualificationDefinition | undefined {
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookUp(text) ?? null;
    if (this.cache.size < 10_000) this.cache.set(text, found);
    return found ?? undefined;
  }

  private lookUp(text: string): QualificationDefinition | undefined {
    const direct = this.catalogue.find(text);
    if (direct) return direct;
    const number = QUALIFICATION_NUMBER.exec(text);
    if (number) {
      const byNumber = this.catalogue.find(`${number[1]}${number[2]}${number[3]}`);
      if (byNumber) return byNumber;
    }
    for (const code of text.matchAll(SCHEME_CODE)) {
      const byCode = this.catalogue.find(code[1]);
      if (byCode) return byCode;
    }
    return this.byTitle.get(titleKey(text)) ?? this.byTitle.get(bareTitle(text));
  }
}
