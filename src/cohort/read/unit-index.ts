// Finding units from what a sheet writes for them: a QCF reference in any spelling, the awarding body's unit
// number, the unit title (whole or cut short with an ellipsis), or a reference and title together.
import type { Catalogue } from '../../rules/catalogue';
import type { QualificationDefinition, UnitDefinition } from '../../rules/model';

export interface UnitCandidate {
  qualification: QualificationDefinition;
  unit: UnitDefinition;
}

export type UnitMatchKind = 'ref' | 'number' | 'title';

export interface UnitMatch {
  kind: UnitMatchKind;
  candidates: UnitCandidate[];
}

/**
 * `L/601/0933`, `l/601/0933`, `L6010933`, `L 601 0933`, `L-601-0933` anywhere in the text, not inside a longer code.
 * (Spaces and separator are matched as `\s*(?:sep\s*)?` so that a long run of spaces cannot backtrack.)
 */
const QCF_REF = /(?<![A-Za-z0-9])([A-Za-z])\s*(?:[/\\.-]\s*)?(\d{3})\s*(?:[/\\.-]\s*)?(\d{4})(?![0-9])/;
/** `Unit 4`, `U4`, `Unit no. 4`, `Unit 04 - Principles of …` */
const UNIT_NUMBER =
  /^\s*(?:unit|u)\s*(?:(?:no\.?|number|#)\s*)?(?:[-.:]\s*)?0*(\d{1,3})(?![0-9])\s*(?:[-.:)]\s*)?(.*)$/i;
/** `4`, `4.`, `4) Principles of …` (a bare number counts only under a "Units" banner). */
const BARE_NUMBER = /^\s*0*(\d{1,3})(?![0-9])\s*(?:[.):-]\s*)?(.*)$/;

export function refKey(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function titleKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The QCF reference in a text, as `L/601/0933`, if there is one. */
export function findQcfRef(text: string): { ref: string; rest: string } | undefined {
  const m = QCF_REF.exec(text);
  if (!m) return undefined;
  const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).trim();
  return { ref: `${m[1].toUpperCase()}/${m[2]}/${m[3]}`, rest };
}

function isTruncated(text: string): boolean {
  return /(\u2026|\.\.\.)\s*$/.test(text);
}

/** The units of a catalogue, indexed every way a sheet may name them. Built once per catalogue. */
export class UnitIndex {
  private readonly byRef = new Map<string, UnitCandidate[]>();
  private readonly byNumber = new Map<number, UnitCandidate[]>();
  private readonly byTitle = new Map<string, UnitCandidate[]>();
  private readonly titles: [string, UnitCandidate][] = [];

  constructor(catalogue: Catalogue) {
    const add = <K>(map: Map<K, UnitCandidate[]>, key: K, c: UnitCandidate) => {
      const list = map.get(key);
      if (!list) map.set(key, [c]);
      else if (!list.some((x) => x.unit === c.unit)) list.push(c);
    };
    for (const qualification of catalogue.qualifications) {
      for (const unit of qualification.units) {
        const c = { qualification, unit };
        add(this.byRef, refKey(unit.ref), c);
        if (typeof unit.number === 'number') add(this.byNumber, unit.number, c);
        const tk = titleKey(unit.title);
        if (tk) {
          add(this.byTitle, tk, c);
          this.titles.push([tk, c]);
        }
        for (const alias of unit.aliases ?? []) {
          add(this.byRef, refKey(alias), c);
          const ak = titleKey(alias);
          if (ak) add(this.byTitle, ak, c);
        }
      }
      // A unit of another qualification that counts as one of this one's: its column is read for this
      // qualification's learners under its own ref, which the engine counts as the unit it stands for.
      for (const e of qualification.equivalents ?? []) {
        const standsFor = qualification.units.find((u) => u.ref === e.countsAs);
        if (!standsFor || qualification.units.some((u) => refKey(u.ref) === refKey(e.ref))) continue;
        add(this.byRef, refKey(e.ref), { qualification, unit: { ...standsFor, ref: e.ref, title: e.title } });
      }
    }
  }

  /**
   * What a header cell names. `bareNumbers` is true under a "Units" banner, where a plain `4` is unit 4.
   * Undefined when the text names no unit of the catalogue.
   */
  match(text: string, bareNumbers = false): UnitMatch | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    const whole = this.byRef.get(refKey(trimmed));
    if (whole && refKey(trimmed).length >= 2) return { kind: 'ref', candidates: whole };

    const qcf = findQcfRef(trimmed);
    if (qcf) {
      const byRef = this.byRef.get(refKey(qcf.ref));
      if (byRef) return { kind: 'ref', candidates: byRef };
      // A reference no qualification knows: the title beside it may still name the unit, but the reference is
      // what the user meant, so an unknown reference stays unknown.
      return undefined;
    }

    const numbered = UNIT_NUMBER.exec(trimmed) ?? (bareNumbers ? BARE_NUMBER.exec(trimmed) : null);
    if (numbered) {
      const byNumber = this.byNumber.get(Number(numbered[1]));
      const titled = numbered[2] ? this.matchTitle(numbered[2]) : undefined;
      if (byNumber && titled) {
        const both = byNumber.filter((c) => titled.includes(c));
        return { kind: 'number', candidates: both.length > 0 ? both : byNumber };
      }
      if (byNumber) return { kind: 'number', candidates: byNumber };
      if (titled) return { kind: 'title', candidates: titled };
      return undefined;
    }

    // `4. Principles of …`: a numbered title as copied from a specification, outside a banner.
    const listed = BARE_NUMBER.exec(trimmed);
    if (listed && listed[2]) {
      const titled = this.matchTitle(listed[2]);
      if (titled) {
        const n = Number(listed[1]);
        const sameNumber = titled.filter((c) => c.unit.number === n);
        return { kind: 'title', candidates: sameNumber.length > 0 ? sameNumber : titled };
      }
    }

    const titled = this.matchTitle(trimmed);
    return titled ? { kind: 'title', candidates: titled } : undefined;
  }

  private matchTitle(text: string): UnitCandidate[] | undefined {
    const key = titleKey(text);
    if (key === '') return undefined;
    const exact = this.byTitle.get(key);
    if (exact) return exact;
    // A title cut short (`Give customers a positive impression…`) matches the titles it begins.
    if (isTruncated(text) && key.length >= 8) {
      const found: UnitCandidate[] = [];
      for (const [tk, c] of this.titles) if (tk.startsWith(key) && !found.includes(c)) found.push(c);
      if (found.length > 0) return found;
    }
    return undefined;
  }

  /** Whether a header is written like a unit (a QCF reference or `Unit 4`), known or not: an unknown one is reported. */
  looksLikeUnit(text: string): boolean {
    return findQcfRef(text) !== undefined || UNIT_NUMBER.test(text);
  }
}

const indexes = new WeakMap<Catalogue, UnitIndex>();

export function unitIndexFor(catalogue: Catalogue): UnitIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new UnitIndex(catalogue);
    indexes.set(catalogue, index);
  }
  return index;
}
