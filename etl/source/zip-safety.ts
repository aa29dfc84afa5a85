/**
 * The rules an uploaded zip must pass before anything in it is written to disk: sizes and counts
 * capped, entry names decoded and confined to the extraction folder, links refused, and inflated
 * bytes counted as they come rather than believed from the headers.
 */
import { isUtf8 } from 'node:buffer';
import { crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import { SourceError } from './source-error.ts';

/** Caps on an uploaded zip. */
export interface ZipLimits {
  /** Entries in the central directory (default 10,000). */
  maxEntries: number;
  /** Bytes of all extracted entries together, as actually inflated (default 2 GiB). */
  maxTotalBytes: number;
  /** Inflated : compressed bytes of one entry, beyond which it is a zip bomb (default 200). */
  maxRatio: number;
  /** Size of the zip file itself (default 1 GiB). */
  maxArchiveBytes: number;
  /** Entries smaller than this (inflated) are not held to `maxRatio`: a small .dbf of blanks packs tight (default 1 MiB). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 10_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  maxArchiveBytes: 1024 ** 3,
  ratioFloorBytes: 1024 ** 2,
};

/** The parts of a central-directory entry the rules look at (a subset of yauzl's Entry). */
export interface ZipEntryInfo {
  fileNameRaw: Buffer;
  generalPurposeBitFlag: number;
  extraFields: { id: number; data: Buffer }[];
  versionMadeBy: number;
  externalFileAttributes: number;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
}

const UTF8_FLAG = 0x800;
const ENCRYPTED_FLAG = 0x1;
const UNICODE_PATH_FIELD = 0x7075;
const HOST_MSDOS = 0;
const HOST_NTFS = 10;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const DOS_REPARSE_POINT = 0x400;
const STORED = 0;
const DEFLATED = 8;

/**
 * Decodes an entry name: UTF-8 when the entry says so (flag bit 11, or an Info-ZIP Unicode Path
 * field whose checksum matches the name), else UTF-8 when the bytes are valid UTF-8, else GBK —
 * what Chinese Windows (and its built-in "Send to → Compressed folder") writes without any flag.
 *
 * @example
 * decodeEntryName({ fileNameRaw: Buffer.from([0xbe, 0xae, 0xb8, 0xc7, 0x2e, 0x73, 0x68, 0x70]), generalPurposeBitFlag: 0, extraFields: [] });
 * // '井盖.shp'
 */
export function decodeEntryName(entry: Pick<ZipEntryInfo, 'fileNameRaw' | 'generalPurposeBitFlag' | 'extraFields'>): string {
  const raw = entry.fileNameRaw;
  if (entry.generalPurposeBitFlag & UTF8_FLAG) return raw.toString('utf8');
  for (const field of entry.extraFields) {
    if (field.id === UNICODE_PATH_FIELD && field.data.length >= 6 && field.data[0] === 1 && field.data.readUInt32LE(1) === crc32(raw)) {
      return field.data.subarray(5).toString('utf8');
    }
  }
  return isUtf8(raw) ? raw.toString('utf8') : iconv.decode(raw, 'gbk');
}

/**
 * The entry's path relative to the extraction folder ('survey/井盖.shp'), or undefined for a
 * folder entry. Backslashes count as separators (Windows tools write them).
 *
 * @throws SourceError 'zip.absolute_path' | 'zip.traversal' | 'zip.bad_name'
 * @example
 * safeEntryPath('survey\\井盖.shp', 'upload.zip'); // 'survey/井盖.shp'
 * safeEntryPath('../../etc/cron.d/x', 'upload.zip'); // throws zip.traversal
 */
export function safeEntryPath(name: string, zipName: string): string | undefined {
  const at = { file: zipName, entry: name };
  if (name.includes('\0')) throw new SourceError('zip.bad_name', `${zipName}: entry "${printable(name)}" has a NUL byte in its name`, at);
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) {
    throw new SourceError('zip.absolute_path', `${zipName}: entry "${name}" has an absolute path; archives must hold relative paths only`, at);
  }
  const segments = slashed.split('/');
  if (segments.includes('..')) {
    throw new SourceError('zip.traversal', `${zipName}: entry "${name}" climbs out of the archive with "..": refused`, at);
  }
  if (slashed.endsWith('/')) return undefined;
  const kept = segments.filter((segment) => segment !== '' && segment !== '.');
  return kept.length === 0 ? undefined : kept.join('/');
}

/**
 * Checks what the central directory says about an entry: no links, no encryption, a compression
 * method we can inflate, and a declared ratio under the cap.
 *
 * @throws SourceError 'zip.symlink' | 'zip.encrypted' | 'zip.unsupported_method' | 'zip.bomb'
 * @example
 * checkEntry(entry, '井盖.shp', 'upload.zip', DEFAULT_ZIP_LIMITS);
 */
export function checkEntry(entry: ZipEntryInfo, name: string, zipName: string, limits: ZipLimits): void {
  const at = { file: zipName, entry: name };
  if (isLink(entry)) throw new SourceError('zip.symlink', `${zipName}: entry "${name}" is a symbolic link; links are refused`, at);
  if (entry.generalPurposeBitFlag & ENCRYPTED_FLAG) {
    throw new SourceError('zip.encrypted', `${zipName}: entry "${name}" is encrypted; upload an archive without a password`, at);
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw new SourceError(
      'zip.unsupported_method',
      `${zipName}: entry "${name}" uses compression method ${entry.compressionMethod}; re-create the zip with ordinary Deflate compression`,
      at,
    );
  }
  if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
    throw bomb(zipName, name, entry.uncompressedSize, entry.compressedSize, limits);
  }
}

/**
 * Whether the external attributes mark the entry as a symbolic link (Unix mode, or an NTFS reparse point).
 *
 * @example
 * isLink({ versionMadeBy: 3 << 8, externalFileAttributes: (0o120777 << 16) >>> 0 }); // true
 */
export function isLink(entry: Pick<ZipEntryInfo, 'versionMadeBy' | 'externalFileAttributes'>): boolean {
  // the Unix mode sits in the high 16 bits whatever the host byte says (some tools write 0 there)
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) return true;
  const host = entry.versionMadeBy >>> 8;
  return (host === HOST_MSDOS || host === HOST_NTFS) && (entry.externalFileAttributes & DOS_REPARSE_POINT) !== 0;
}

/**
 * Counts the bytes actually inflated, per entry and in total, and stops at the first byte over a
 * cap: headers can lie, the inflater cannot.
 *
 * @example
 * const budget = new InflateBudget('upload.zip', DEFAULT_ZIP_LIMITS);
 * budget.startEntry('井盖.dbf', entry.compressedSize, entry.uncompressedSize);
 * budget.add(chunk.length); // per chunk; throws when a cap is passed
 * budget.endEntry();
 */
export class InflateBudget {
  private total = 0;
  private entryBytes = 0;
  private name = '';
  private compressed = 0;
  private declared = 0;

  constructor(
    private readonly zipName: string,
    private readonly limits: ZipLimits,
  ) {}

  startEntry(name: string, compressedSize: number, declaredSize: number): void {
    this.name = name;
    this.compressed = compressedSize;
    this.declared = declaredSize;
    this.entryBytes = 0;
    if (this.total + declaredSize > this.limits.maxTotalBytes) this.throwTooLarge(this.total + declaredSize);
  }

  add(bytes: number): void {
    this.entryBytes += bytes;
    this.total += bytes;
    const { maxRatio, ratioFloorBytes, maxTotalBytes } = this.limits;
    if (this.entryBytes > ratioFloorBytes && this.entryBytes > maxRatio * Math.max(1, this.compressed)) {
      throw bomb(this.zipName, this.name, this.entryBytes, this.compressed, this.limits);
    }
    if (this.entryBytes > this.declared) {
      throw new SourceError(
        'zip.bomb',
        `${this.zipName}: entry "${this.name}" inflates to more than the ${this.declared} bytes its header declares: refused as a zip bomb`,
        { file: this.zipName, entry: this.name },
      );
    }
    if (this.total > maxTotalBytes) this.throwTooLarge(this.total);
  }

  endEntry(): void {
    if (this.entryBytes !== this.declared) {
      throw new SourceError(
        'zip.corrupt',
        `${this.zipName}: entry "${this.name}" inflates to ${this.entryBytes} bytes but its header declares ${this.declared}`,
        { file: this.zipName, entry: this.name },
      );
    }
  }

  private throwTooLarge(bytes: number): never {
    throw new SourceError(
      'zip.too_large',
      `${this.zipName}: the shapefiles in it unpack to more than ${formatBytes(this.limits.maxTotalBytes)} (${formatBytes(bytes)} at "${this.name}")`,
      { file: this.zipName, entry: this.name },
    );
  }
}

function bomb(zipName: string, name: string, inflated: number, compressed: number, limits: ZipLimits): SourceError {
  const ratio = Math.round(inflated / Math.max(1, compressed));
  return new SourceError(
    'zip.bomb',
    `${zipName}: entry "${name}" unpacks ${ratio}:1 (${formatBytes(inflated)} from ${formatBytes(compressed)}), over the ${limits.maxRatio}:1 limit: refused as a zip bomb`,
    { file: zipName, entry: name },
  );
}

/**
 * A byte count for messages.
 *
 * @example
 * formatBytes(1536); // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function printable(name: string): string {
  return name.replace(/\0/g, '\\0');
}
