/**
 * Reading the cells of a .dbf record from the raw bytes, one reader per column type: C text
 * (trimmed, decoded once per distinct value), N / F numbers, L logicals, D dates as 'YYYY-MM-DD',
 * and the Visual FoxPro binary types. A value that does not parse is kept as written, so nothing
 * a contractor typed is lost on the way to validation.
 */
import type { RawRecord } from '../survey-record.ts';
import type { DbfFieldDescriptor } from './dbf-header.ts';
import type { TextDecoderFn } from './text-encoding.ts';

/** A cell value as RawRecord carries it. */
export type CellValue = RawRecord['attributes'][string];

/** Reads the cell of `length` bytes at `at`. */
export type CellReader = (buf: Buffer, at: number, length: number) => CellValue;

const SPACE = 0x20;
/** Distinct values remembered per column; survey columns repeat a small vocabulary. */
const CACHE_LIMIT = 50_000;

/**
 * Writers cut text at the field width (names at 10 bytes), often inside a multi-byte character,
 * which decodes to a trailing U+FFFD: the cut character is dropped rather than shown as '�'.
 *
 * @example
 * withoutCutCharacter('权属单\uFFFD'); // '权属单'
 */
export function withoutCutCharacter(text: string): string {
  return text.endsWith('\uFFFD') ? text.replace(/\uFFFD+$/, '') : text;
}

/**
 * The end of a text cell's value: trailing spaces and NULs (some writers pad with NULs) dropped,
 * and cut at an embedded NUL as C strings are.
 *
 * @example
 * const cell = Buffer.from(' ab\0\0  ');
 * const end = valueEnd(cell, 0, cell.length); // 3
 * cell.toString('latin1', valueStart(cell, 0, end), end); // 'ab'
 */
export function valueEnd(buf: Buffer, start: number, end: number): number {
  while (end > start && (buf[end - 1] === SPACE || buf[end - 1] === 0)) end--;
  for (let i = start; i < end; i++) {
    if (buf[i] === 0) {
      end = i;
      while (end > start && buf[end - 1] === SPACE) end--;
      break;
    }
  }
  return end;
}

/** The start of a text cell's value: leading spaces dropped (as shapelib and GDAL do). */
export function valueStart(buf: Buffer, start: number, end: number): number {
  while (start < end && buf[start] === SPACE) start++;
  return start;
}

/** Whether bytes [start, end) are all below 0x80. */
export function isAsciiRange(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return false;
  return true;
}

/**
 * The reader for one column, by its dBASE type; unknown types are read as text.
 *
 * @example
 * const read = cellReader({ type: 'N', length: 6, decimals: 2, offset: 1, nameBytes }, decode, 0x03);
 * read(Buffer.from('  1.50'), 0, 6); // 1.5
 */
export function cellReader(field: DbfFieldDescriptor, decode: TextDecoderFn, version: number): CellReader {
  const foxPro = version === 0x30 || version === 0x31 || version === 0x32;
  switch (field.type) {
    case 'N':
    case 'F':
      return numberReader(field.decimals);
    case 'L':
      return readLogical;
    case 'D':
      return dateReader();
    case 'I':
    case '+':
      return field.length === 4 ? (buf, at) => buf.readInt32LE(at) : textReader(decode);
    case 'O':
      return field.length === 8 ? (buf, at) => buf.readDoubleLE(at) : textReader(decode);
    case 'B':
      return foxPro && field.length === 8 ? (buf, at) => buf.readDoubleLE(at) : numberReader(field.decimals);
    case 'Y':
      return field.length === 8 ? (buf, at) => Number(buf.readBigInt64LE(at)) / 10_000 : textReader(decode);
    case 'T':
      return field.length === 8 ? readFoxProDateTime : textReader(decode);
    default:
      // C and anything unknown: keep the text, nothing is dropped
      return textReader(decode);
  }
}

interface CachedText {
  bytes: Buffer;
  text: string;
  next: CachedText | undefined;
}

function textReader(decode: TextDecoderFn): CellReader {
  // distinct values by a hash of their bytes, so a repeated value costs no allocation
  const cache = new Map<number, CachedText>();
  return (buf, at, length) => {
    const end = valueEnd(buf, at, at + length);
    const start = valueStart(buf, at, end);
    if (start === end) return null;
    let hash = 0x811c9dc5;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b >= 0x80) ascii = false;
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    if (ascii) return buf.toString('latin1', start, end);
    const head = cache.get(hash);
    for (let entry = head; entry; entry = entry.next) {
      if (sameBytes(entry.bytes, buf, start, end)) return entry.text;
    }
    const text = withoutCutCharacter(decode(buf.subarray(start, end)));
    if (cache.size < CACHE_LIMIT) cache.set(hash, { bytes: Buffer.from(buf.subarray(start, end)), text, next: head });
    return text;
  };
}

function sameBytes(bytes: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[start + i]) return false;
  return true;
}

/** Blank or all '*' (dBASE's overflow / null marker) → null; not a number → the text as written. */
function numberReader(decimals: number): CellReader {
  return (buf, at, length) => {
    const end = valueEnd(buf, at, at + length);
    const start = valueStart(buf, at, end);
    if (start === end) return null;
    const text = buf.toString('latin1', start, end);
    const value = Number(text);
    if (Number.isNaN(value)) return /^\*+$/.test(text) ? null : text;
    // integers beyond 2^53 (16+ digit codes stored as numbers) would lose digits as a double
    if (decimals === 0 && !Number.isSafeInteger(value) && /^[-+]?\d+$/.test(text)) return text;
    return value;
  };
}

function readLogical(buf: Buffer, at: number): boolean | null {
  switch (buf[at]) {
    case 0x54: // T
    case 0x74:
    case 0x59: // Y
    case 0x79:
      return true;
    case 0x46: // F
    case 0x66:
    case 0x4e: // N
    case 0x6e:
      return false;
    default:
      return null; // '?', blank
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DIGIT_0 = 0x30;

/** YYYYMMDD → 'YYYY-MM-DD'; blank or zeros → null; anything else (not a calendar date) kept as written. */
function dateReader(): CellReader {
  const cache = new Map<number, string>();
  return (buf, at, length) => {
    const end = valueEnd(buf, at, at + length);
    const start = valueStart(buf, at, end);
    if (start === end) return null;
    let ymd = 0;
    for (let i = start; i < end; i++) {
      const digit = buf[i]! - DIGIT_0;
      if (digit < 0 || digit > 9 || end - start !== 8) return buf.toString('latin1', start, end);
      ymd = ymd * 10 + digit;
    }
    if (ymd === 0) return null;
    const cached = cache.get(ymd);
    if (cached !== undefined) return cached;
    const text = calendarDate(ymd) ?? buf.toString('latin1', start, end);
    if (cache.size < CACHE_LIMIT) cache.set(ymd, text);
    return text;
  };
}

function calendarDate(ymd: number): string | undefined {
  const y = Math.floor(ymd / 10_000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]! || (m === 2 && d === 29 && !leap)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Visual FoxPro T: Julian day number and milliseconds since midnight → 'YYYY-MM-DDTHH:MM:SS'. */
function readFoxProDateTime(buf: Buffer, at: number): string | null {
  const julianDay = buf.readInt32LE(at);
  if (julianDay === 0) return null;
  const ms = (julianDay - 2_440_588) * 86_400_000 + buf.readInt32LE(at + 4);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 19);
}
