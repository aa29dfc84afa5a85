/**
 * A batch reader for .dbf tables: large sequential reads, fixed-width records sliced in place,
 * ASCII text taken straight from the buffer and non-ASCII text decoded once per distinct value.
 *
 * Measured on the 680,000-row GBK demo survey (213 MB, 9 fields; 2 shared cores; see
 * read-layer.bench.ts): this reader 1.23 s (≈ 551,000 rows/s), the `shapefile` package's
 * `openDbf(…).read()` loop 38.4 s (≈ 17,700 rows/s) in the same run: 31× faster. A profile of
 * the package (100,000 rows) puts about 70 % of its time in the `text-encoding` polyfill its Node
 * build decodes every field with (a pure-JS decoder that copies each field into an array), the
 * rest in its per-record promise chain.
 */
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { RawRecord } from '../survey-record.ts';
import type { DbfFieldDescriptor, DbfHeader } from './dbf-header.ts';
import { SourceError } from './source-error.ts';
import { cellReader, isAsciiRange, valueEnd, valueStart, withoutCutCharacter, type CellReader } from './dbf-values.ts';
import type { TextDecoderFn } from './text-encoding.ts';

/** A column with its decoded name. */
export interface FieldInfo {
  /** Decoded, trimmed, unique within the layer (a repeated name gets `_2`, `_3` …). */
  name: string;
  type: string;
  length: number;
  decimals: number;
}

export type Attributes = RawRecord['attributes'];

/** Consecutive rows of a .dbf; a deleted row (flag 0x2A) is null. */
export interface DbfBatch {
  /** 0-based index of `rows[0]` in the table. */
  start: number;
  rows: (Attributes | null)[];
}

const DELETED = 0x2a;
const DEFAULT_BATCH_BYTES = 4 << 20;

/**
 * Reads the records of a .dbf whose header has been read and encoding chosen.
 *
 * @example
 * const header = await readDbfHeader(path, '井盖.dbf');
 * const dbf = new DbfReader(path, '井盖.dbf', header, createTextDecoder('gbk'));
 * for await (const batch of dbf.batches()) for (const row of batch.rows) if (row) console.log(row['类型']);
 */
export class DbfReader {
  readonly fields: FieldInfo[];
  private readonly readers: CellReader[];

  constructor(
    private readonly path: string,
    /** The file as the contractor knows it, for messages. */
    readonly displayName: string,
    readonly header: DbfHeader,
    decode: TextDecoderFn,
  ) {
    this.fields = fieldInfos(header.fields, decode);
    this.readers = header.fields.map((field) => cellReader(field, decode, header.version));
  }

  /**
   * Yields the rows from index `start` (0-based) to `end` (exclusive) in batches of about
   * `batchBytes` bytes of records.
   */
  async *batches(start = 0, end = this.header.recordCount, batchBytes = DEFAULT_BATCH_BYTES): AsyncGenerator<DbfBatch> {
    const { headerLength, recordLength } = this.header;
    const perBatch = Math.max(1, Math.floor(batchBytes / recordLength));
    const buf = Buffer.allocUnsafe(Math.min(perBatch, Math.max(1, end - start)) * recordLength);
    const file = await open(this.path, 'r');
    try {
      for (let first = start; first < end; first += perBatch) {
        const count = Math.min(perBatch, end - first);
        const want = count * recordLength;
        const { bytesRead } = await file.read(buf, 0, want, headerLength + first * recordLength);
        if (bytesRead < want) {
          // the header check saw these bytes: the file changed under us
          throw new SourceError('dbf.truncated', `${this.displayName} ended early, inside row ${first + Math.floor(bytesRead / recordLength) + 1}`, {
            file: this.displayName,
            row: first + Math.floor(bytesRead / recordLength) + 1,
          });
        }
        yield { start: first, rows: this.decodeRecords(buf, count) };
      }
    } finally {
      await file.close();
    }
  }

  private decodeRecords(buf: Buffer, count: number): (Attributes | null)[] {
    const { recordLength } = this.header;
    const { readers } = this;
    const names = this.fields.map((field) => field.name);
    const offsets = this.header.fields.map((field) => field.offset);
    const lengths = this.header.fields.map((field) => field.length);
    const rows = new Array<Attributes | null>(count);
    for (let r = 0; r < count; r++) {
      const base = r * recordLength;
      if (buf[base] === DELETED) {
        rows[r] = null;
        continue;
      }
      const row: Attributes = {};
      for (let f = 0; f < readers.length; f++) row[names[f]!] = readers[f]!(buf, base + offsets[f]!, lengths[f]!);
      rows[r] = row;
    }
    return rows;
  }
}

/**
 * Field names and character values as raw trimmed bytes, for encoding detection: names first, then
 * values from the start of the table until `maxNonAsciiBytes` of non-ASCII text have been seen.
 *
 * @example
 * const samples = await sampleDbfText(path, header); // Uint8Array[]
 */
export async function sampleDbfText(path: string, header: DbfHeader, maxNonAsciiBytes = 256 << 10): Promise<Uint8Array[]> {
  const samples: Uint8Array[] = header.fields.map((field) => field.nameBytes);
  const text = header.fields.filter((field) => field.type === 'C');
  if (text.length === 0 || header.recordCount === 0) return samples;
  const { headerLength, recordLength, recordCount } = header;
  const perChunk = Math.max(1, Math.floor(DEFAULT_BATCH_BYTES / recordLength));
  const buf = Buffer.allocUnsafe(Math.min(perChunk, recordCount) * recordLength);
  const file = await open(path, 'r');
  let seen = 0;
  try {
    for (let first = 0; first < recordCount && seen < maxNonAsciiBytes; first += perChunk) {
      const count = Math.min(perChunk, recordCount - first);
      const { bytesRead } = await file.read(buf, 0, count * recordLength, headerLength + first * recordLength);
      if (isAscii(buf.subarray(0, bytesRead))) continue; // the common case, checked natively
      for (let r = 0; r < Math.floor(bytesRead / recordLength); r++) {
        for (const field of text) {
          const at = r * recordLength + field.offset;
          const e = valueEnd(buf, at, at + field.length);
          const s = valueStart(buf, at, e);
          if (isAsciiRange(buf, s, e)) continue;
          samples.push(new Uint8Array(buf.subarray(s, e)));
          seen += e - s;
        }
      }
    }
  } finally {
    await file.close();
  }
  return samples;
}

function fieldInfos(descriptors: DbfFieldDescriptor[], decode: TextDecoderFn): FieldInfo[] {
  const used = new Set<string>();
  return descriptors.map((field, i) => {
    const base = withoutCutCharacter(decode(field.nameBytes)).trim() || `FIELD_${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return { name, type: field.type, length: field.length, decimals: field.decimals };
  });
}
