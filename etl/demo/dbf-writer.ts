import { open, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';

/** One dBASE III column. Names are limited to 10 bytes in the file's encoding (5 GBK characters). */
export interface DbfField {
  name: string;
  /** C character, D date (YYYYMMDD), N number. */
  type: 'C' | 'D' | 'N';
  /** Width in bytes (C up to 254; D is always 8). */
  length: number;
  /** Decimal places, N only. */
  decimals?: number;
}

/** A cell value: text for C, a Date or 'YYYYMMDD' for D, a number for N; null or '' writes blanks. */
export type DbfValue = string | number | Date | null | undefined;

export interface DbfWriterOptions {
  /** iconv-lite encoding of text and field names; default 'gbk'. */
  encoding?: string;
  /**
   * Language driver id at header byte 29. 0x4D is "Chinese GBK (PRC)" as ArcGIS writes it; readers
   * without a .cpg use it to pick the code page.
   */
  languageDriver?: number;
  /** Records buffered before a write; default 8192. */
  chunkRecords?: number;
  /** Last-update date in the header; default today. Pass one for byte-identical output. */
  updated?: Date;
}

const HEADER_SIZE = 32;
const DESCRIPTOR_SIZE = 32;
const SPACE = 0x20;
/** Encoded texts remembered for reuse; survey columns repeat a small vocabulary. */
const ENCODE_CACHE_LIMIT = 20_000;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Streams a dBASE III (.dbf) table to disk record by record, buffering a chunk at a time, and
 * patches the record count into the header on close.
 *
 * @example
 * const dbf = await DbfWriter.create('out/部件调查.dbf', [{ name: '类型', type: 'C', length: 20 }]);
 * dbf.add(['路灯']);
 * await dbf.close();
 */
export class DbfWriter {
  readonly recordLength: number;
  private readonly headerLength: number;
  private readonly encoding: string;
  private readonly encodeCache = new Map<string, Buffer>();
  private readonly chunk: Buffer;
  private readonly chunkRecords: number;
  private pending = 0;
  private count = 0;

  private constructor(
    private readonly file: FileHandle,
    readonly fields: readonly DbfField[],
    private readonly options: Required<DbfWriterOptions>,
  ) {
    this.encoding = options.encoding;
    this.recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
    this.headerLength = HEADER_SIZE + DESCRIPTOR_SIZE * fields.length + 1;
    this.chunkRecords = options.chunkRecords;
    this.chunk = Buffer.alloc(this.chunkRecords * this.recordLength);
  }

  /** Opens (truncating) `path` and writes a provisional header. */
  static async create(path: string, fields: readonly DbfField[], options: DbfWriterOptions = {}): Promise<DbfWriter> {
    const resolved = {
      encoding: options.encoding ?? 'gbk',
      languageDriver: options.languageDriver ?? 0x4d,
      chunkRecords: options.chunkRecords ?? 8192,
      updated: options.updated ?? new Date(),
    };
    validateFields(fields, resolved.encoding);
    const writer = new DbfWriter(await open(path, 'w'), fields, resolved);
    // no position: later appends continue from the file position this write advances
    await writer.file.write(writer.header());
    return writer;
  }

  /** Number of records added so far. */
  get recordCount(): number {
    return this.count;
  }

  /** True when the buffered chunk is full and `flush()` should be awaited before the next add. */
  get full(): boolean {
    return this.pending >= this.chunkRecords;
  }

  /** Encodes one record (values in field order) into the buffered chunk. */
  add(values: readonly DbfValue[]): void {
    if (this.full) throw new Error('DbfWriter chunk is full: await flush() first');
    let offset = this.pending * this.recordLength;
    this.chunk.fill(SPACE, offset, offset + this.recordLength);
    offset += 1; // deletion flag stays ' ' (live record)
    this.fields.forEach((field, i) => {
      this.writeValue(field, values[i], offset);
      offset += field.length;
    });
    this.pending++;
    this.count++;
  }

  /** Appends the buffered records to the file. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.file.write(this.chunk, 0, this.pending * this.recordLength);
    this.pending = 0;
  }

  /** Flushes, writes the end-of-file marker and the final header, and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await this.file.write(Buffer.from([0x1a]));
    await this.file.write(this.header(), 0, this.headerLength, 0);
    await this.file.close();
  }

  private header(): Buffer {
    const buf = Buffer.alloc(this.headerLength);
    const updated = this.options.updated;
    buf[0] = 0x03; // dBASE III without memo
    buf[1] = updated.getFullYear() - 1900;
    buf[2] = updated.getMonth() + 1;
    buf[3] = updated.getDate();
    buf.writeUInt32LE(this.count, 4);
    buf.writeUInt16LE(this.headerLength, 8);
    buf.writeUInt16LE(this.recordLength, 10);
    buf[29] = this.options.languageDriver;
    this.fields.forEach((field, i) => {
      const at = HEADER_SIZE + i * DESCRIPTOR_SIZE;
      iconv.encode(field.name, this.encoding).copy(buf, at, 0, 10);
      buf[at + 11] = field.type.charCodeAt(0);
      buf[at + 16] = field.length;
      buf[at + 17] = field.decimals ?? 0;
    });
    buf[this.headerLength - 1] = 0x0d;
    return buf;
  }

  private writeValue(field: DbfField, value: DbfValue, offset: number): void {
    if (value === null || value === undefined || value === '') return;
    if (field.type === 'D') {
      const text = value instanceof Date ? formatDbfDate(value) : String(value);
      this.chunk.write(text.slice(0, 8), offset, 8, 'latin1');
    } else if (field.type === 'N') {
      const text = typeof value === 'number' ? value.toFixed(field.decimals ?? 0) : String(value);
      if (text.length > field.length) throw new RangeError(`${text} overflows N(${field.length}) field ${field.name}`);
      this.chunk.write(text, offset + field.length - text.length, 'latin1'); // numbers are right-aligned
    } else {
      const text = String(value);
      if (ASCII.test(text)) {
        // ids and photo paths: the same bytes in any ASCII-compatible code page, no encoder needed
        this.chunk.write(text, offset, field.length, 'latin1');
        return;
      }
      const bytes = this.encodeText(text);
      bytes.copy(this.chunk, offset, 0, truncatedLength(bytes, field.length, this.encoding));
    }
  }

  private encodeText(text: string): Buffer {
    let bytes = this.encodeCache.get(text);
    if (bytes === undefined) {
      bytes = iconv.encode(text, this.encoding);
      if (this.encodeCache.size >= ENCODE_CACHE_LIMIT) this.encodeCache.clear();
      this.encodeCache.set(text, bytes);
    }
    return bytes;
  }
}

/** Formats a date as dBASE YYYYMMDD, in local time like the readers that parse it. */
export function formatDbfDate(date: Date): string {
  const mm = String(date.getMonth() + 1).padStart(2, '0');
  const dd = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}${mm}${dd}`;
}

/**
 * The byte length that fits `max` without splitting a character. In UTF-8, back up over
 * continuation bytes (10xxxxxx); in the double-byte code pages (GBK, Big5…) a byte >= 0x81 leads
 * a two-byte pair.
 */
function truncatedLength(bytes: Buffer, max: number, encoding: string): number {
  if (bytes.length <= max) return bytes.length;
  if (/^utf-?8$/i.test(encoding)) {
    let cut = max;
    while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
    return cut;
  }
  let i = 0;
  while (i < max) {
    const step = bytes[i]! >= 0x81 ? 2 : 1;
    if (i + step > max) break;
    i += step;
  }
  return i;
}

function validateFields(fields: readonly DbfField[], encoding: string): void {
  const seen = new Set<string>();
  for (const field of fields) {
    const nameBytes = iconv.encode(field.name, encoding).length;
    if (nameBytes === 0 || nameBytes > 10) {
      throw new RangeError(`dbf field name ${field.name} is ${nameBytes} bytes in ${encoding}; 1–10 allowed`);
    }
    if (seen.has(field.name)) throw new RangeError(`duplicate dbf field ${field.name}`);
    seen.add(field.name);
    if (field.type === 'D' && field.length !== 8) throw new RangeError(`date field ${field.name} must be 8 wide`);
    if (field.length < 1 || field.length > 254) throw new RangeError(`field ${field.name} width ${field.length}`);
  }
}
