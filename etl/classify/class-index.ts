/**
 * The lookup structures for classifying: built once from the class table and the alias table,
 * then every distinct text is resolved once and remembered, so 680,000 rows cost a Map lookup each.
 */
import type { ComponentClassRow } from '../../data/reference-data.ts';
import type { ComponentAliases } from './component-aliases.ts';
import { parseClassCode } from './class-code.ts';
import { classNameStem, hasCjk, normaliseClassName, withoutQualifiers } from './class-name.ts';
import { editDistance, sharedCharacters } from './edit-distance.ts';

/** The parts of a component class the classifier and validator use. */
export type ComponentClassInfo = Pick<ComponentClassRow, 'sub_code' | 'sub_name_zh' | 'sub_name_en' | 'geometry'>;

/** How a class was found. */
export type ClassVia = 'code' | 'name' | 'alias' | 'normalised' | 'contains' | 'objid' | 'layer' | 'name-field';

/** What a text names. */
export type TextLookup =
  | { kind: 'class'; code: string; via: ClassVia }
  | { kind: 'ambiguous'; codes: string[] }
  | { kind: 'conflict'; code: string; otherCode: string }
  | { kind: 'unknown-code'; code: string }
  | { kind: 'unknown' };

type Entry = { kind: 'class'; code: string; via: ClassVia } | { kind: 'ambiguous'; codes: string[] };

/**
 * Names shorter than this (in characters) are not searched for inside longer text. Only names
 * with Chinese characters are: without word boundaries 'tree' would be found in 'street'.
 */
const MIN_INSIDE = 2;
/** Distinct texts remembered; a file of random junk must not grow memory without bound. */
const CACHE_LIMIT = 50_000;

/**
 * Class names, aliases and ambiguous words, resolved by exact, normalised and stemmed form.
 *
 * @example
 * const index = new ClassIndex(readReferenceData().componentClasses, readComponentAliases());
 * index.lookup('路灯杆')      // { kind: 'class', code: '0118', via: 'alias' }
 * index.lookup('井盖')        // { kind: 'ambiguous', codes: ['0101', …] }
 * index.nearest('路登', 3)    // ['0118', …]
 */
export class ClassIndex {
  readonly classes: ReadonlyMap<string, ComponentClassInfo>;
  private readonly exact = new Map<string, Entry>();
  private readonly stems = new Map<string, Entry | null>();
  /** Every searchable name (normalised) with its class, for suggestions. */
  private readonly names: Array<{ text: string; code: string; cjk: boolean }> = [];
  private readonly longestName: number;
  private readonly textCache = new Map<string, TextLookup>();
  private readonly insideCache = new Map<string, TextLookup>();

  constructor(classes: readonly ComponentClassInfo[], aliases: ComponentAliases) {
    this.classes = new Map(classes.map((c) => [c.sub_code, c]));
    for (const c of classes) {
      for (const name of [c.sub_name_zh, c.sub_name_en, withoutQualifiers(c.sub_name_zh), withoutQualifiers(c.sub_name_en)]) {
        this.add(name, { kind: 'class', code: c.sub_code, via: 'name' });
      }
    }
    for (const [code, entry] of Object.entries(aliases.classes)) {
      if (!this.classes.has(code)) throw new Error(`component-aliases.json: ${code} is not a component class`);
      for (const alias of entry.aliases) this.add(alias, { kind: 'class', code, via: 'alias' });
    }
    for (const [word, codes] of Object.entries(aliases.ambiguous)) {
      for (const code of codes) if (!this.classes.has(code)) throw new Error(`component-aliases.json: ambiguous '${word}': ${code} is not a component class`);
      this.add(word, { kind: 'ambiguous', codes: [...codes].sort() });
    }
    for (const [form, entry] of this.exact) {
      const stem = classNameStem(form);
      if (stem === form || this.exact.has(stem)) continue;
      const seen = this.stems.get(stem);
      // a stem shared by names of two classes is dropped, not guessed
      this.stems.set(stem, seen === undefined || (seen !== null && sameEntry(seen, entry)) ? entry : null);
    }
    this.longestName = Math.max(...[...this.exact.keys()].map((k) => [...k].length));
  }

  /** The standard Chinese name of a class, e.g. '路灯' for '0118'. */
  nameOf(code: string): string {
    return this.classes.get(code)?.sub_name_zh ?? code;
  }

  /**
   * What a type text names: a code, a name or alias (exact, normalised, stemmed, without bracketed
   * qualifiers), or else the longest known name inside it (LED路灯 → 路灯). Remembered per text.
   *
   * @example
   * index.lookup('0118')          // { kind: 'class', code: '0118', via: 'code' }
   * index.lookup('雨水算子')       // { kind: 'class', code: '0104', via: 'alias' }
   * index.lookup('路灯（双臂）')   // { kind: 'class', code: '0118', via: 'normalised' }
   */
  lookup(text: string): TextLookup {
    const cached = this.textCache.get(text);
    if (cached) return cached;
    const found = this.resolveText(text);
    if (this.textCache.size < CACHE_LIMIT) this.textCache.set(text, found);
    return found;
  }

  /**
   * The class a longer text (a layer or a 名称 such as 东吴北路路灯) names by containing a known
   * name: the longest one wins; a tie between classes, or an ambiguous word, is ambiguous.
   *
   * @example
   * index.lookupInside('吴中区路灯普查') // { kind: 'class', code: '0118', via: 'contains' }
   * index.lookupInside('井盖调查')       // { kind: 'ambiguous', codes: [...] }
   */
  lookupInside(text: string): TextLookup {
    const cached = this.insideCache.get(text);
    if (cached) return cached;
    const direct = this.resolveText(text);
    const found = direct.kind === 'unknown' ? this.resolveInside(normaliseClassName(text)) : direct;
    if (this.insideCache.size < CACHE_LIMIT) this.insideCache.set(text, found);
    return found;
  }

  /**
   * The `count` classes whose names or aliases are nearest to the text (edit distance in
   * characters; Chinese text compares with Chinese names, Latin with English ones). Names
   * sharing no character with the text are never suggested.
   *
   * @example
   * index.nearest('路登杆', 3) // ['0118', '0117', '0210'] — 路灯, 立杆, 交通信号灯
   */
  nearest(text: string, count: number): string[] {
    const query = normaliseClassName(text);
    const cjk = hasCjk(query);
    const best = new Map<string, { distance: number; shared: number }>();
    for (const name of this.names) {
      if (name.cjk !== cjk) continue;
      const score = { distance: editDistance(query, name.text), shared: sharedCharacters(query, name.text) };
      const seen = best.get(name.code);
      if (!seen || score.distance < seen.distance || (score.distance === seen.distance && score.shared > seen.shared)) best.set(name.code, score);
    }
    return [...best]
      .filter(([, score]) => score.shared > 0)
      .sort(([ca, a], [cb, b]) => a.distance - b.distance || b.shared - a.shared || ca.localeCompare(cb))
      .slice(0, count)
      .map(([code]) => code);
  }

  private add(name: string, entry: Entry): void {
    const form = normaliseClassName(name);
    if (form === '') return;
    const seen = this.exact.get(form);
    if (seen && !sameEntry(seen, entry)) throw new Error(`component-aliases.json: '${name}' names both ${describe(seen)} and ${describe(entry)}`);
    if (seen) return;
    this.exact.set(form, entry);
    if (entry.kind === 'class') this.names.push({ text: form, code: entry.code, cjk: hasCjk(form) });
  }

  private resolveText(text: string): TextLookup {
    const coded = parseClassCode(text);
    if (coded) {
      const known = this.classes.has(coded.code);
      if (coded.rest === undefined) return known ? { kind: 'class', code: coded.code, via: 'code' } : { kind: 'unknown-code', code: coded.code };
      if (known) {
        // a code with a name beside it: the name must agree when it names a class at all
        const named = this.resolveName(coded.rest);
        if (named.kind === 'class' && named.code !== coded.code) return { kind: 'conflict', code: coded.code, otherCode: named.code };
        return { kind: 'class', code: coded.code, via: 'code' };
      }
    }
    return this.resolveName(text);
  }

  private resolveName(text: string): TextLookup {
    const form = normaliseClassName(text);
    const found = this.byForm(form);
    if (found) return found;
    const bare = normaliseClassName(withoutQualifiers(text));
    if (bare !== form && bare !== '') {
      const inner = this.byForm(bare);
      if (inner) return inner.kind === 'class' ? { ...inner, via: 'normalised' } : inner;
    }
    // in a type column, text that merely contains 垃圾 or 井盖 is more likely a typo (垃圾捅) than
    // an ambiguous word: let it be unknown, with suggestions
    const inside = this.resolveInside(form);
    return inside.kind === 'ambiguous' ? { kind: 'unknown' } : inside;
  }

  private byForm(form: string): TextLookup | null {
    const exact = this.exact.get(form);
    if (exact) return exact;
    const stem = this.stems.get(classNameStem(form)) ?? this.exact.get(classNameStem(form));
    if (stem) return stem.kind === 'class' ? { ...stem, via: 'normalised' } : stem;
    return null;
  }

  private resolveInside(form: string): TextLookup {
    const chars = Array.from(form);
    for (let length = Math.min(chars.length - 1, this.longestName); length >= MIN_INSIDE; length--) {
      const hits = new Map<string, Entry>();
      for (let start = 0; start + length <= chars.length; start++) {
        const part = chars.slice(start, start + length).join('');
        if (!hasCjk(part)) continue;
        const entry = this.exact.get(part);
        if (entry) hits.set(describe(entry), entry);
      }
      if (hits.size === 0) continue;
      const [only] = hits.values();
      if (hits.size === 1 && only!.kind === 'class') return { kind: 'class', code: only!.code, via: 'contains' };
      const codes = new Set([...hits.values()].flatMap((e) => (e.kind === 'class' ? [e.code] : e.codes)));
      return { kind: 'ambiguous', codes: [...codes].sort() };
    }
    return { kind: 'unknown' };
  }
}

function sameEntry(a: Entry, b: Entry): boolean {
  return describe(a) === describe(b);
}

function describe(entry: Entry): string {
  return entry.kind === 'class' ? entry.code : entry.codes.join('|');
}
