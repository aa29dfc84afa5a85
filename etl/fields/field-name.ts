/**
 * Field (column) names as they arrive in a .dbf: in any case, padded, full-width, and cut to the
 * format's 10-byte limit by whatever tool wrote the file. A GBK writer keeps 5 Chinese characters
 * (2 bytes each), a UTF-8 writer 3 (3 bytes each); some cut in the middle of a character, which
 * decodes as U+FFFD. These helpers produce the forms under which a known name may appear.
 */
import iconv from 'iconv-lite';

/** The .dbf field-name limit: 11 bytes including the terminating NUL. */
export const DBF_FIELD_NAME_BYTES = 10;

/** How a source column name matched a known name. */
export type FieldNameMatch = 'exact' | 'truncated-gbk' | 'truncated-utf8';

/**
 * The comparable form of a field name: Unicode-compatibility folded (full-width → half-width),
 * without white space, lower case; a trailing half character left by a byte cut is dropped.
 *
 * @example
 * normaliseFieldName(' ＯｂｊＩＤ ') // 'objid'
 * normaliseFieldName('权属单位名\uFFFD') // '权属单位名'
 */
export function normaliseFieldName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/\uFFFD+$/, '').toLowerCase();
}

/**
 * The longest prefix of `name` that fits `bytes` bytes in `encoding`, cut at a character boundary.
 *
 * @example
 * truncateFieldName('权属单位名称', 'gbk') // '权属单位名'
 * truncateFieldName('权属单位名称', 'utf-8') // '权属单'
 * truncateFieldName('survey_date', 'gbk') // 'survey_dat'
 */
export function truncateFieldName(name: string, encoding: 'gbk' | 'utf-8', bytes = DBF_FIELD_NAME_BYTES): string {
  let used = 0;
  let end = 0;
  for (const char of name) {
    used += encoding === 'utf-8' ? Buffer.byteLength(char, 'utf8') : iconv.encode(char, 'gbk').length;
    if (used > bytes) break;
    end += char.length;
  }
  return name.slice(0, end);
}

/**
 * The normalised forms under which a known field name can appear in a .dbf, best first:
 * the name itself, then its GBK and UTF-8 10-byte truncations where they differ.
 *
 * @example
 * fieldNameForms('权属单位名称')
 * // [{ form: '权属单位名称', match: 'exact' }, { form: '权属单位名', match: 'truncated-gbk' },
 * //  { form: '权属单', match: 'truncated-utf8' }]
 */
export function fieldNameForms(name: string): Array<{ form: string; match: FieldNameMatch }> {
  const exact = normaliseFieldName(name);
  const forms: Array<{ form: string; match: FieldNameMatch }> = [{ form: exact, match: 'exact' }];
  for (const [encoding, match] of [['gbk', 'truncated-gbk'], ['utf-8', 'truncated-utf8']] as const) {
    // truncate the written name (case and width as a writer would see it), then normalise
    const form = normaliseFieldName(truncateFieldName(name.trim(), encoding));
    if (form.length > 0 && !forms.some((f) => f.form === form)) forms.push({ form, match });
  }
  return forms;
}
