/**
 * Guessing the encoding of undeclared .dbf text from its bytes. Each sample is one field name or
 * one character value, trimmed; samples are judged one by one because writers cut text at the
 * field width, often in the middle of a multi-byte character, and that must not count against it.
 */

/** What the bytes say. */
export interface EncodingEvidence {
  /** Samples holding at least one byte ≥ 0x80; with none, every ASCII-compatible guess is right. */
  nonAsciiSamples: number;
  /** Non-ASCII samples that are not UTF-8 (a cut last character excepted). */
  invalidUtf8Samples: number;
  /** Byte pairs read the GBK way: all of them, and those in the GB2312 rows where Chinese text lives. */
  gbkPairs: number;
  gb2312Pairs: number;
  /** Bytes that cannot be GBK (0x80 lead byte, 0xFF, a bad trail byte). */
  invalidGbkBytes: number;
}

/**
 * Weighs samples of undeclared text.
 *
 * @example
 * const evidence = weighEncodingEvidence([Buffer.from('井盖', 'utf8')]);
 * evidence.invalidUtf8Samples; // 0
 */
export function weighEncodingEvidence(samples: Iterable<Uint8Array>): EncodingEvidence {
  const evidence: EncodingEvidence = { nonAsciiSamples: 0, invalidUtf8Samples: 0, gbkPairs: 0, gb2312Pairs: 0, invalidGbkBytes: 0 };
  for (const bytes of samples) {
    if (isAscii(bytes)) continue;
    evidence.nonAsciiSamples++;
    if (!isUtf8AllowingCutEnd(bytes)) evidence.invalidUtf8Samples++;
    countGbkPairs(bytes, evidence);
  }
  return evidence;
}

/**
 * The encoding the evidence points to: UTF-8 when every non-ASCII sample is UTF-8; otherwise GBK
 * when the bytes look like Chinese GBK text (all pairs valid, most of them in the GB2312 rows),
 * otherwise `fallback`. With no non-ASCII bytes at all there is nothing to decide: undefined.
 *
 * `fallback` is 'gbk' for a file that declares nothing (this is a Chinese district's system) and
 * 'windows-1252' for LDID 0x57, where GBK is only chosen on positive evidence.
 *
 * @example
 * guessEncoding(weighEncodingEvidence([Buffer.from([0xbe, 0xae, 0xb8, 0xc7])]), 'windows-1252'); // 'gbk' (井盖)
 * guessEncoding(weighEncodingEvidence([Buffer.from('M\xe9xico', 'latin1')]), 'windows-1252'); // 'windows-1252'
 */
export function guessEncoding(evidence: EncodingEvidence, fallback: string): string | undefined {
  if (evidence.nonAsciiSamples === 0) return undefined;
  if (evidence.invalidUtf8Samples === 0) return 'utf-8';
  const looksGbk = evidence.invalidGbkBytes === 0 && evidence.gb2312Pairs * 2 >= evidence.gbkPairs;
  return looksGbk ? 'gbk' : fallback;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/**
 * UTF-8 validity (no overlongs, no surrogates); a sequence cut off by the end of the sample passes.
 *
 * @example
 * isUtf8AllowingCutEnd(Buffer.from('井盖').subarray(0, 4)); // true: 盖 was cut by the field width
 * isUtf8AllowingCutEnd(Buffer.from([0xbe, 0xae]));         // false: GBK 井
 */
export function isUtf8AllowingCutEnd(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // cut at the field width
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return false;
    }
    i += need + 1;
  }
  return true;
}

function countGbkPairs(bytes: Uint8Array, evidence: EncodingEvidence): void {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    if (i + 1 >= n) return; // a lead byte cut at the field width
    const trail = bytes[i + 1]!;
    if (lead === 0x80 || lead === 0xff || trail < 0x40 || trail === 0x7f || trail === 0xff) {
      evidence.invalidGbkBytes++;
      i++;
      continue;
    }
    evidence.gbkPairs++;
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) evidence.gb2312Pairs++;
    i += 2;
  }
}
