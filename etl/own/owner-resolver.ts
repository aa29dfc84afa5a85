/**
 * Decides a component's owner department (权属单位): a department named in the survey when it can
 * be recognised, else the responsibility rule for the class — the rule scoped to the most specific
 * grid that contains the component, else the district-wide one.
 */

export interface OwnerDepartment {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  aliases: string[];
}

export interface OwnerRule {
  classCode: string;
  /** Grid the rule is limited to (any level), or null for district-wide. */
  gridId: number | null;
  departmentId: number;
}

export interface OwnerDecision {
  departmentId: number;
  source: 'survey' | 'rule';
  /** The survey named an owner that matched no department (kept in attributes, reported as a warning). */
  unrecognised?: string;
}

/** Distinct owner texts remembered as written; past this, a text is normalised each time. */
const textCacheLimit = 10_000;

/** Folds full-width characters, drops spaces and punctuation, lower-cases Latin. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * @example
 * const owners = new OwnerResolver(departments, rules);
 * owners.decide('0118', [gridId, communityId, townId], '路灯所'); // { departmentId: 8, source: 'survey' }
 */
export class OwnerResolver {
  private readonly byName = new Map<string, number>();
  private readonly fullNames: { name: string; id: number }[] = [];
  private readonly rules = new Map<string, Map<number | null, number>>();
  private readonly cache = new Map<string, number | null>();
  /** Owner texts as written → department; surveys repeat a few dozen, so normalising each row again is waste. */
  private readonly byText = new Map<string, number | null>();

  constructor(departments: OwnerDepartment[], rules: OwnerRule[]) {
    const ambiguous = new Set<string>();
    for (const d of departments) {
      for (const name of [d.code, d.name_zh, d.name_en, ...d.aliases].map(normaliseName)) {
        if (!name) continue;
        if (this.byName.has(name) && this.byName.get(name) !== d.id) ambiguous.add(name);
        this.byName.set(name, d.id);
      }
      this.fullNames.push({ name: normaliseName(d.name_zh), id: d.id });
    }
    for (const name of ambiguous) this.byName.delete(name);
    for (const rule of rules) {
      const scoped = this.rules.get(rule.classCode) ?? new Map<number | null, number>();
      scoped.set(rule.gridId, rule.departmentId);
      this.rules.set(rule.classCode, scoped);
    }
  }

  /** The department a written owner name means, or undefined when none (or several) match. */
  recognise(ownerText: string): number | undefined {
    let found = this.byText.get(ownerText);
    if (found === undefined) {
      found = this.recogniseNormalised(normaliseName(ownerText)) ?? null;
      if (this.byText.size < textCacheLimit) this.byText.set(ownerText, found);
    }
    return found ?? undefined;
  }

  private recogniseNormalised(key: string): number | undefined {
    if (key.length < 2) return undefined;
    if (this.cache.has(key)) return this.cache.get(key) ?? undefined;
    let found = this.byName.get(key);
    if (found === undefined) {
      // a longer or shorter form of one full name: 吴中区水务局 ⊂ 苏州市吴中区水务局
      const hits = new Set(this.fullNames.filter((d) => d.name.includes(key) || (key.length >= 4 && key.includes(d.name))).map((d) => d.id));
      if (hits.size === 1) found = [...hits][0];
    }
    this.cache.set(key, found ?? null);
    return found;
  }

  /**
   * The owner of a component of `classCode` in the grids `gridPath` (base grid first, then its
   * ancestors), given the owner text the survey wrote (may be empty). Undefined when the class has
   * no rule and the survey names no known owner.
   */
  decide(classCode: string, gridPath: number[], ownerText?: string | null): OwnerDecision | undefined {
    const written = ownerText?.trim();
    if (written) {
      const id = this.recognise(written);
      if (id !== undefined) return { departmentId: id, source: 'survey' };
    }
    const scoped = this.rules.get(classCode);
    let ruleDepartment: number | undefined;
    for (const gridId of gridPath) {
      ruleDepartment = scoped?.get(gridId);
      if (ruleDepartment !== undefined) break;
    }
    ruleDepartment ??= scoped?.get(null);
    if (ruleDepartment === undefined) return undefined;
    return { departmentId: ruleDepartment, source: 'rule', ...(written ? { unrecognised: written } : {}) };
  }
}
