import { open } from 'node:fs/promises';
import { SourceError, type SourceWarning } from './source-error.ts';

/** One column as described in the .dbf header; the name is still raw bytes (its encoding is decided later). */
export interface DbfFieldDescriptor {
  nameBytes: Uint8Array;
  /** dBASE type letter: C character, N / F number, L logical, D date, I / O / B / Y / T Visual FoxPro binary … */
  type: string;
  /** Width in bytes. */
  length: number;
  /** Decimal places (N / F). */
  decimals: number;
  /** Offset of the value inside a record (the deletion flag is byte 0). */
  offset: number;
}

/** The parsed header of a .dbf. */
export interface DbfHeader {
  /** Version byte: 0x03 dBASE III, 0x83 with memo, 0x30 Visual FoxPro … */
  version: number;
  /** Last update as 'YYYY-MM-DD' when the header holds a plausible date. */
  lastUpdate?: string;
  /** Rows the header declares; all of them are in the file (else `readDbfHeader` throws). */
  recordCount: number;
  headerLength: number;
  recordLength: number;
  /** Language driver id (byte 29); 0 = unspecified. */
  languageDriver: number;
  fields: DbfFieldDescriptor[];
  fileSize: number;
  /** Things worth telling the contractor that do not stop the read (memo fields, …). */
  warnings: SourceWarning[];
}

const FILE_HEADER_SIZE = 32;
const DESCRIPTOR_SIZE = 32;
const TERMINATOR = 0x0d;
/** Version bytes of the dBASE III / IV / FoxPro family that shapefiles use. */
const KNOWN_VERSIONS = new Set([0x02, 0x03, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8b, 0x8e, 0xcb, 0xf5, 0xfb]);
const MEMO_TYPES = new Set(['M', 'G', 'P']);

/**
 * Reads and checks the header of a .dbf: version, counts, field descriptors, and that the file
 * really holds the rows it declares.
 *
 * @param displayName the file as the contractor knows it, for messages (`survey/井盖.dbf`)
 * @throws SourceError 'dbf.corrupt' (not a dBASE table, inconsistent header), 'dbf.unsupported'
 *   (dBASE 7), 'dbf.truncated' (fewer rows on disk than declared)
 * @example
 * const header = await readDbfHeader('/tmp/u/井盖.dbf', '井盖.dbf');
 * header.recordCount; // 680000
 * header.languageDriver; // 0x4d
 */
export async function readDbfHeader(path: string, displayName: string): Promise<DbfHeader> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, FILE_HEADER_SIZE));
    await file.read(head, 0, head.length, 0);
    const headerLength = head.length >= 10 ? head.readUInt16LE(8) : 0;
    const full = Buffer.alloc(Math.min(size, Math.max(headerLength, FILE_HEADER_SIZE)));
    await file.read(full, 0, full.length, 0);
    return parseDbfHeader(full, size, displayName);
  } finally {
    await file.close();
  }
}

/**
 * Parses a .dbf header from its first `headerLength` bytes; `fileSize` is the size on disk.
 *
 * @example
 * const header = parseDbfHeader(bytes, bytes.length, 'points.dbf');
 */
export function parseDbfHeader(bytes: Buffer, fileSize: number, displayName: string): DbfHeader {
  const corrupt = (why: string) => new SourceError('dbf.corrupt', `${displayName} is not a readable dBASE table: ${why}`, { file: displayName });
  if (bytes.length < FILE_HEADER_SIZE) throw corrupt(`only ${fileSize} bytes, shorter than a header`);

  const version = bytes[0]!;
  if (version === 0x04 || version === 0x8c) {
    throw new SourceError('dbf.unsupported', `${displayName} is a dBASE 7 table: save it as dBASE III/IV (what ArcGIS and QGIS write for shapefiles)`, {
      file: displayName,
    });
  }
  if (!KNOWN_VERSIONS.has(version)) throw corrupt(`unknown version byte 0x${hex(version)}`);
  const recordCount = bytes.readUInt32LE(4);
  const headerLength = bytes.readUInt16LE(8);
  const recordLength = bytes.readUInt16LE(10);
  const languageDriver = bytes[29]!;
  if (headerLength < FILE_HEADER_SIZE + 1) throw corrupt(`header length ${headerLength} is too small`);
  if (headerLength > fileSize) throw corrupt(`header length ${headerLength} is larger than the file (${fileSize} bytes)`);
  if (recordLength < 1) throw corrupt('record length is 0');

  const warnings: SourceWarning[] = [];
  const fields: DbfFieldDescriptor[] = [];
  let offset = 1; // byte 0 of a record is the deletion flag
  for (let at = FILE_HEADER_SIZE; at + DESCRIPTOR_SIZE <= headerLength && bytes[at] !== TERMINATOR; at += DESCRIPTOR_SIZE) {
    let nameEnd = at;
    while (nameEnd < at + 11 && bytes[nameEnd] !== 0) nameEnd++;
    const type = String.fromCharCode(bytes[at + 11]!).toUpperCase();
    const numeric = type === 'N' || type === 'F';
    // as shapelib: outside numbers, byte 17 is the high byte of the width (Clipper/FoxPro long text)
    const length = numeric ? bytes[at + 16]! : bytes[at + 16]! + 256 * bytes[at + 17]!;
    const decimals = numeric ? bytes[at + 17]! : 0;
    if (length === 0) throw corrupt(`field ${fields.length + 1} has width 0`);
    if (!/^[A-Z0-9@+]$/.test(type)) throw corrupt(`field ${fields.length + 1} has an unknown type byte 0x${hex(bytes[at + 11]!)}`);
    fields.push({ nameBytes: new Uint8Array(bytes.subarray(at, nameEnd)), type, length, decimals, offset });
    offset += length;
    if (MEMO_TYPES.has(type)) {
      warnings.push({
        rule: 'dbf.memo_ignored',
        message: `${displayName}: field ${fields.length} is a memo field (type ${type}); memo files (.dbt/.fpt) are not read, its values are block numbers`,
        file: displayName,
      });
    }
  }
  if (offset > recordLength) throw corrupt(`the fields need ${offset} bytes per record but the header says ${recordLength}`);

  const completeRows = Math.floor((fileSize - headerLength) / recordLength);
  if (completeRows < recordCount) {
    throw new SourceError(
      'dbf.truncated',
      `${displayName} is cut off: its header declares ${recordCount} rows but the file ends inside row ${completeRows + 1} ` +
        `(${fileSize} bytes; ${headerLength + recordCount * recordLength} needed). Upload the complete file.`,
      { file: displayName, row: completeRows + 1 },
    );
  }
  const header: DbfHeader = { version, recordCount, headerLength, recordLength, languageDriver, fields, fileSize, warnings };
  const lastUpdate = headerDate(bytes[1]!, bytes[2]!, bytes[3]!);
  if (lastUpdate) header.lastUpdate = lastUpdate;
  return header;
}

function headerDate(yy: number, mm: number, dd: number): string | undefined {
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${1900 + yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
