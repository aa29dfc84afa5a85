import iconv from 'iconv-lite';
import type { TextEncodingChoice } from '../survey-record.ts';
import { guessEncoding, weighEncodingEvidence } from './encoding-detection.ts';
import { ANSI_LANGUAGE_DRIVER, codePageOfLanguageDriver } from './language-driver.ts';
import { SourceError, type SourceWarning } from './source-error.ts';

/** Everything a layer says (or lets us see) about how its text is encoded. */
export interface TextEncodingHints {
  /** `--encoding` from the user; wins over everything, must be a known encoding. */
  override?: string;
  /** Contents of the .cpg file, if there is one ('UTF-8', '936', 'GBK', 'ISO 88591' …). */
  cpg?: string;
  /** The .dbf language driver id (header byte 29); 0 or absent when unspecified. */
  languageDriver?: number;
  /** Field names and character values as raw bytes; read only when detection is needed. */
  samples?: () => Promise<Iterable<Uint8Array>>;
  /** Name of the .cpg for messages. */
  cpgFile?: string;
}

/** A decoder bound to one encoding. */
export interface TextDecoderFn {
  (bytes: Uint8Array): string;
}

/** Windows code pages that have a WHATWG / iconv-lite name other than `cp<n>` or `windows-<n>`. */
const ENCODING_BY_CODE_PAGE: ReadonlyMap<number, string> = new Map([
  [65001, 'utf-8'],
  [936, 'gbk'],
  [20936, 'gbk'], // GB2312: GBK is a superset
  [54936, 'gb18030'],
  [950, 'big5'],
  [932, 'shift_jis'],
  [949, 'euc-kr'], // WHATWG euc-kr is Windows 949
  [20127, 'windows-1252'], // US-ASCII
  [10000, 'macintosh'],
  [10006, 'macgreek'],
  [10007, 'x-mac-cyrillic'],
  [10029, 'maccenteuro'],
]);

/** .cpg contents that mean "the writer's Windows code page", like LDID 0x57. */
const SYSTEM_CODE_PAGE_LABELS = new Set(['system', 'ansi', 'default', 'acp']);

/**
 * Turns an encoding name as found in a .cpg or typed by a user into the label civicgrid decodes
 * with ('utf-8', 'gbk', 'windows-1252', 'cp437' …), or undefined when nothing here can decode it.
 * Bare code page numbers are Windows code pages, as ArcGIS writes them.
 *
 * @example
 * normaliseEncodingLabel('CP936');      // 'gbk'
 * normaliseEncodingLabel('65001');      // 'utf-8'
 * normaliseEncodingLabel('ISO 88591');  // 'windows-1252' (how WHATWG decodes Latin-1)
 * normaliseEncodingLabel('klingon');    // undefined
 */
export function normaliseEncodingLabel(label: string): string | undefined {
  const text = label.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, '-');
  if (text === '') return undefined;
  const codePage = /^(?:cp|ms|windows|ansi|ibm|dos|oem|x-cp)?[-_]?(\d{3,5})$/.exec(text);
  if (codePage) return encodingOfCodePage(Number(codePage[1]));
  const iso = /^(?:iso[-_]?)?8859[-_]?(\d{1,2})$/.exec(text);
  if (iso) return canonical(`iso-8859-${iso[1]}`);
  if (text === 'gb2312' || text === 'euc-cn' || text === 'x-gbk' || text === 'cp-936') return 'gbk';
  if (text === 'utf8') return 'utf-8';
  return canonical(text);
}

/**
 * The label for a Windows / DOS / Mac code page number, or undefined when none is supported.
 *
 * @example
 * encodingOfCodePage(1252); // 'windows-1252'
 * encodingOfCodePage(437);  // 'cp437'
 */
export function encodingOfCodePage(codePage: number): string | undefined {
  const named = ENCODING_BY_CODE_PAGE.get(codePage);
  if (named) return named;
  if (codePage >= 1250 && codePage <= 1258) return `windows-${codePage}`;
  if (codePage === 874) return 'windows-874';
  if (codePage >= 28591 && codePage <= 28605) return canonical(`iso-8859-${codePage - 28590}`);
  return canonical(`cp${codePage}`);
}

/** The WHATWG name when TextDecoder knows the label, else the iconv-lite one, else undefined. */
function canonical(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return iconv.encodingExists(label) ? label : undefined;
  }
}

/**
 * Decides how a layer's text is decoded: `--encoding`, else the .cpg, else the .dbf language
 * driver, else the bytes (valid UTF-8 → UTF-8, else GBK). A .cpg wins over the LDID because it is
 * written on purpose, while many tools leave a stale LDID (e.g. 0x01 with GBK text). LDID 0x57
 * ("ANSI") and .cpg "SYSTEM" mean the writer's Windows code page: windows-1252 unless the bytes are
 * UTF-8 or clearly GBK, since a Chinese Windows machine writes GBK under that same id.
 *
 * @throws SourceError 'encoding.unknown' when `override` is not an encoding we can decode.
 * @example
 * const { choice } = await chooseTextEncoding({ cpg: '936', languageDriver: 0x01 });
 * // choice: { encoding: 'gbk', source: 'cpg' }
 */
export async function chooseTextEncoding(
  hints: TextEncodingHints,
): Promise<{ choice: TextEncodingChoice; warnings: SourceWarning[] }> {
  const warnings: SourceWarning[] = [];
  if (hints.override !== undefined) {
    const encoding = normaliseEncodingLabel(hints.override);
    if (!encoding) {
      throw new SourceError(
        'encoding.unknown',
        `unknown encoding "${hints.override}": use a name such as utf-8, gbk, gb18030, big5, windows-1252 or a code page number such as 936`,
      );
    }
    return { choice: { encoding, source: 'override' }, warnings };
  }

  let ansi = hints.languageDriver === ANSI_LANGUAGE_DRIVER;
  const cpg = hints.cpg?.trim();
  if (cpg) {
    const encoding = normaliseEncodingLabel(cpg);
    if (encoding) return { choice: { encoding, source: 'cpg' }, warnings };
    if (SYSTEM_CODE_PAGE_LABELS.has(cpg.toLowerCase())) ansi = true;
    else {
      warnings.push({
        rule: 'encoding.cpg_unknown',
        message: `${hints.cpgFile ?? 'the .cpg'} names an unknown encoding "${cpg.slice(0, 40)}": ignored, the text encoding was worked out otherwise`,
        ...(hints.cpgFile ? { file: hints.cpgFile } : {}),
      });
    }
  }

  if (!ansi && hints.languageDriver) {
    const codePage = codePageOfLanguageDriver(hints.languageDriver);
    const encoding = codePage === undefined ? undefined : encodingOfCodePage(codePage);
    if (encoding) return { choice: { encoding, source: 'ldid' }, warnings };
  }

  const samples = hints.samples ? await hints.samples() : [];
  const fallback = ansi ? 'windows-1252' : 'gbk';
  const guessed = guessEncoding(weighEncodingEvidence(samples), fallback);
  // under LDID 0x57 windows-1252 is what the file says, not a guess
  if (guessed) return { choice: { encoding: guessed, source: ansi && guessed === fallback ? 'ldid' : 'detected' }, warnings };
  // only ASCII: any ASCII-compatible encoding reads it the same
  return { choice: ansi ? { encoding: 'windows-1252', source: 'ldid' } : { encoding: 'utf-8', source: 'default' }, warnings };
}

/**
 * A decoder for one encoding label (as returned by `normaliseEncodingLabel`): the built-in
 * TextDecoder where it knows the encoding, iconv-lite otherwise (DOS code pages such as cp437).
 *
 * @example
 * const decode = createTextDecoder('gbk');
 * decode(Uint8Array.of(0xbe, 0xae, 0xb8, 0xc7)); // '井盖'
 */
export function createTextDecoder(encoding: string): TextDecoderFn {
  try {
    const decoder = new TextDecoder(encoding);
    return (bytes) => decoder.decode(bytes);
  } catch {
    if (!iconv.encodingExists(encoding)) throw new SourceError('encoding.unknown', `unknown encoding "${encoding}"`);
    return (bytes) => iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  }
}
