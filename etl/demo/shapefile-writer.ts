import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { DbfWriter, type DbfField, type DbfValue, type DbfWriterOptions } from './dbf-writer.ts';

export interface PointShapefileOptions extends DbfWriterOptions {
  /** Attribute columns of the .dbf. */
  fields: readonly DbfField[];
  /** Contents of the .prj (ESRI WKT); omitted means no .prj is written. */
  prj?: string;
}

const HEADER_SIZE = 100;
const SHAPE_POINT = 1;
/** Record header (8) + shape type (4) + x, y (16). */
const POINT_RECORD_SIZE = 28;
const INDEX_RECORD_SIZE = 8;

/**
 * Streams a Point shapefile (.shp, .shx, .dbf and optionally .prj) to disk a chunk at a time, so
 * hundreds of thousands of rows take a few megabytes of memory. Headers (bounding box, file
 * lengths, record count) are patched in on close. No .cpg is written: the .dbf language driver
 * byte carries the code page, as in many contractor deliveries.
 *
 * @example
 * const shp = await PointShapefileWriter.create('out/部件调查', { fields, prj: wkt });
 * shp.add(557100.25, 3458000.5, ['路灯', '完好']);
 * if (shp.full) await shp.flush();
 * const files = await shp.close(); // ['out/部件调查.shp', '.shx', '.dbf', '.prj']
 */
export class PointShapefileWriter {
  private readonly shpChunk: Buffer;
  private readonly shxChunk: Buffer;
  private pending = 0;
  private count = 0;
  private xmin = Infinity;
  private ymin = Infinity;
  private xmax = -Infinity;
  private ymax = -Infinity;

  private constructor(
    private readonly basePath: string,
    private readonly shp: FileHandle,
    private readonly shx: FileHandle,
    private readonly dbf: DbfWriter,
    private readonly prj: string | undefined,
    private readonly chunkRecords: number,
  ) {
    this.shpChunk = Buffer.alloc(chunkRecords * POINT_RECORD_SIZE);
    this.shxChunk = Buffer.alloc(chunkRecords * INDEX_RECORD_SIZE);
  }

  /** Creates (truncating) `<basePath>.shp/.shx/.dbf`; `basePath` has no extension. */
  static async create(basePath: string, options: PointShapefileOptions): Promise<PointShapefileWriter> {
    const { fields, prj, ...dbfOptions } = options;
    const chunkRecords = dbfOptions.chunkRecords ?? 8192;
    const dbf = await DbfWriter.create(`${basePath}.dbf`, fields, { ...dbfOptions, chunkRecords });
    const shp = await open(`${basePath}.shp`, 'w');
    const shx = await open(`${basePath}.shx`, 'w');
    // reserve the headers; the real ones are written on close
    await shp.write(Buffer.alloc(HEADER_SIZE));
    await shx.write(Buffer.alloc(HEADER_SIZE));
    return new PointShapefileWriter(basePath, shp, shx, dbf, prj, chunkRecords);
  }

  /** Number of records added so far. */
  get recordCount(): number {
    return this.count;
  }

  /** True when the buffered chunk is full and `flush()` should be awaited before the next add. */
  get full(): boolean {
    return this.pending >= this.chunkRecords;
  }

  /** Buffers one point and its attributes (in field order). */
  add(x: number, y: number, values: readonly DbfValue[]): void {
    if (this.full) throw new Error('PointShapefileWriter chunk is full: await flush() first');
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`point ${x}, ${y} is not finite`);
    this.dbf.add(values);

    const recordNumber = this.count + 1; // shapefile records count from 1
    const at = this.pending * POINT_RECORD_SIZE;
    this.shpChunk.writeInt32BE(recordNumber, at);
    this.shpChunk.writeInt32BE((POINT_RECORD_SIZE - 8) / 2, at + 4); // content length in 16-bit words
    this.shpChunk.writeInt32LE(SHAPE_POINT, at + 8);
    this.shpChunk.writeDoubleLE(x, at + 12);
    this.shpChunk.writeDoubleLE(y, at + 20);

    const offsetWords = (HEADER_SIZE + this.count * POINT_RECORD_SIZE) / 2;
    const ix = this.pending * INDEX_RECORD_SIZE;
    this.shxChunk.writeInt32BE(offsetWords, ix);
    this.shxChunk.writeInt32BE((POINT_RECORD_SIZE - 8) / 2, ix + 4);

    if (x < this.xmin) this.xmin = x;
    if (x > this.xmax) this.xmax = x;
    if (y < this.ymin) this.ymin = y;
    if (y > this.ymax) this.ymax = y;
    this.pending++;
    this.count++;
  }

  /** Appends the buffered records to the three files. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.shp.write(this.shpChunk, 0, this.pending * POINT_RECORD_SIZE);
    await this.shx.write(this.shxChunk, 0, this.pending * INDEX_RECORD_SIZE);
    await this.dbf.flush();
    this.pending = 0;
  }

  /** Flushes, writes the final headers and the .prj, closes, and returns the paths written. */
  async close(): Promise<string[]> {
    await this.flush();
    const shpBytes = HEADER_SIZE + this.count * POINT_RECORD_SIZE;
    const shxBytes = HEADER_SIZE + this.count * INDEX_RECORD_SIZE;
    await this.shp.write(this.header(shpBytes), 0, HEADER_SIZE, 0);
    await this.shx.write(this.header(shxBytes), 0, HEADER_SIZE, 0);
    await Promise.all([this.shp.close(), this.shx.close(), this.dbf.close()]);
    const files = ['.shp', '.shx', '.dbf'].map((ext) => this.basePath + ext);
    if (this.prj !== undefined) {
      await writeFile(`${this.basePath}.prj`, this.prj, 'utf8');
      files.push(`${this.basePath}.prj`);
    }
    return files;
  }

  private header(fileBytes: number): Buffer {
    const buf = Buffer.alloc(HEADER_SIZE);
    buf.writeInt32BE(9994, 0); // file code
    buf.writeInt32BE(fileBytes / 2, 24); // file length in 16-bit words
    buf.writeInt32LE(1000, 28); // version
    buf.writeInt32LE(SHAPE_POINT, 32);
    const empty = this.count === 0;
    buf.writeDoubleLE(empty ? 0 : this.xmin, 36);
    buf.writeDoubleLE(empty ? 0 : this.ymin, 44);
    buf.writeDoubleLE(empty ? 0 : this.xmax, 52);
    buf.writeDoubleLE(empty ? 0 : this.ymax, 60);
    // z and m ranges (68–99) stay 0 for a 2D Point layer
    return buf;
  }
}
