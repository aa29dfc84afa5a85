/**
 * Class names as crews write them — full-width brackets, spaces, 篦 for 箅, 井 for 井盖, a trailing
 * 杆 — folded to forms that compare equal when they mean the same class.
 */

const PUNCTUATION = /[\s()[\]{}（）【】〔〕<>《》\-_·.,，、:：;；/\\'"“”‘’+*#~!！?？]/g;
const QUALIFIER = /[(（[【〔][^)）\]】〕]*[)）\]】〕]/g;

/**
 * The comparable form of a class name: compatibility-folded (full-width → half-width), lower
 * case, without spaces and punctuation (bracket contents are kept), 篦 written as 箅.
 *
 * @example
 * normaliseClassName(' 输油（气）井盖 ') // '输油气井盖'
 * normaliseClassName('Street Light')     // 'streetlight'
 * normaliseClassName('雨水篦子')          // '雨水箅子'
 */
export function normaliseClassName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(PUNCTUATION, '').replace(/篦/g, '箅');
}

/**
 * A looser form for a second try: a trailing 井盖 becomes 井 (雨水井 = 雨水井盖) and a trailing 杆
 * is dropped from names of three or more characters (路灯杆 = 路灯; 立杆 stays). Input is normalised.
 *
 * @example
 * classNameStem('雨水井盖') // '雨水井'
 * classNameStem('路灯杆')   // '路灯'
 */
export function classNameStem(normalised: string): string {
  let stem = normalised;
  if (stem.endsWith('井盖板')) stem = stem.slice(0, -1);
  if (stem.endsWith('井盖')) stem = stem.slice(0, -1);
  if (stem.endsWith('杆') && [...stem].length >= 3) stem = stem.slice(0, -1);
  return stem;
}

/**
 * The name without bracketed qualifiers, for a third try: 路灯(双臂) → 路灯. Input is raw text.
 *
 * @example
 * withoutQualifiers('路灯（LED）') // '路灯'
 */
export function withoutQualifiers(text: string): string {
  return text.normalize('NFKC').replace(QUALIFIER, '');
}

/** True when the text holds a CJK character (and so compares with Chinese names). */
export function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
