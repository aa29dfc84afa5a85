/**
 * Class codes as they appear in survey columns: '0118', 'BJ0118', '118' (a numeric column lost the
 * leading zero), '01-18', the 10-digit '3205060118' (district + class), a 16-digit component code,
 * or a code with the name beside it ('0118路灯', '路灯(0118)').
 */

/** A code read from text: the 4-digit class, and any name written beside it. */
export interface ClassCodeText {
  code: string;
  /** The rest of the text when a name was written beside the code, e.g. '路灯' in '0118路灯'. */
  rest?: string;
}

const PLAIN = /^(?:bj)?(\d{4})$/i;
const SHORT = /^(\d{3})$/;
const SPLIT = /^(\d{2})[-._ ](\d{2})$/;
const DISTRICT_CLASS = /^\d{6}(\d{4})$/;
const COMPONENT_CODE = /^\d{6}(\d{4})\d{6}$/;
const CODE_THEN_NAME = /^(?:bj)?(\d{4})\s*[-_:：.、\s]?\s*(\D.*)$/i;
const NAME_THEN_CODE = /^(\D.*?)\s*[(（[【]?\s*(?:bj)?(\d{4})\s*[)）\]】]?$/i;

/**
 * Reads a class code from a type column, or null when the text is not code-shaped.
 *
 * @example
 * parseClassCode('3205060118')  // { code: '0118' }
 * parseClassCode('118')         // { code: '0118' }
 * parseClassCode('0118 路灯')   // { code: '0118', rest: '路灯' }
 * parseClassCode('路灯')        // null
 */
export function parseClassCode(text: string): ClassCodeText | null {
  const t = text.normalize('NFKC').trim().replace(/\.0+$/, '');
  let m = PLAIN.exec(t) ?? DISTRICT_CLASS.exec(t) ?? COMPONENT_CODE.exec(t);
  if (m) return { code: m[1]! };
  if ((m = SHORT.exec(t))) return { code: `0${m[1]}` };
  if ((m = SPLIT.exec(t))) return { code: m[1]! + m[2]! };
  if ((m = CODE_THEN_NAME.exec(t))) return { code: m[1]!, rest: m[2]!.trim() };
  if ((m = NAME_THEN_CODE.exec(t))) return { code: m[2]!, rest: m[1]!.trim() };
  return null;
}

/**
 * The class part (digits 7–10) of a 16-digit component code or a 10-digit district+class code.
 *
 * @example
 * objIdClassCode('3205060118000123') // '0118'
 * objIdClassCode('12')               // null
 */
export function objIdClassCode(code: string | null | undefined): string | null {
  if (!code) return null;
  const m = COMPONENT_CODE.exec(code.trim()) ?? DISTRICT_CLASS.exec(code.trim());
  return m ? m[1]! : null;
}
