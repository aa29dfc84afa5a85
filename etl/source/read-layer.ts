import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Geometry } from 'geojson';
import * as shapefile from 'shapefile';
import type { RawRecord, RowRejection, SourceLayer, TextEncodingChoice } from '../survey-record.ts';
import { readDbfHeader } from './dbf-header.ts';
import { DbfReader, sampleDbfText, type DbfBatch, type FieldInfo } from './dbf-reader.ts';
import { ShpPointReader } from './shp-point-reader.ts';
import { SHAPE_TYPE_NAMES, scanShp } from './shp-scan.ts';
import { SourceError, type SourceWarning } from './source-error.ts';
import { chooseTextEncoding, createTextDecoder } from './text-encoding.ts';

export type { FieldInfo } from './dbf-reader.ts';

/** Options of `readLayer`. */
export interface ReadLayerOptions {
  /** `--encoding`: decode the .dbf with this encoding whatever the .cpg or the file says. */
  encoding?: string;
}

/** A row found in only one of .shp and .dbf: it cannot be imported, and must be reported. */
export interface UnpairedRecord {
  /** Geometry null for a .dbf-only row; attributes empty for a .shp-only row. */
  record: RawRecord;
  onlyIn: 'shp' | 'dbf';
  rejection: RowRejection;
}

/** An opened layer: what it holds, and its rows. */
export interface LayerRead {
  layer: SourceLayer;
  encoding: TextEncodingChoice;
  fields: FieldInfo[];
  /** GeoJSON type of the layer's shapes (a multi-part row becomes the Multi- form); null for a Null-shape file. */
  geometryType: 'Point' | 'MultiPoint' | 'LineString' | 'Polygon' | null;
  /** Shape type number and name from the .shp header (e.g. 13, 'PolyLineZ'); Z and M are dropped to 2D. */
  shapeType: number;
  shapeTypeName: string;
  /** [xmin, ymin, xmax, ymax] in the layer's CRS, from the .shp header. */
  bbox: [number, number, number, number];
  shpRowCount: number;
  /** Undefined when the layer has no .dbf. */
  dbfRowCount: number | undefined;
  /** Rows present in both files (or in the .shp when there is no .dbf): what `records` walks. */
  pairedRowCount: number;
  /** Rows marked deleted in the .dbf and skipped (as GDAL does); counted while `records` runs. */
  deletedRowCount: number;
  /** Layer-level problems that do not stop the read: count mismatch, missing .dbf, unknown .cpg … */
  warnings: SourceWarning[];
  /** The paired rows in file order; deleted rows skipped. Iterable more than once. */
  records: AsyncIterable<RawRecord>;
  /** Rows beyond the shorter of .shp and .dbf, each with its 'source.count_mismatch' rejection. */
  unpairedRecords: AsyncIterable<UnpairedRecord>;
}

const GEOMETRY_TYPES = { 1: 'Point', 3: 'LineString', 5: 'Polygon', 8: 'MultiPoint' } as const;
/** Point, PointZ, PointM. */
const POINT_TYPES = new Set([1, 11, 21]);
const SHP_HEADER_SIZE = 100;
const MAX_CPG_BYTES = 1024;
/** The shapefile package reads its source 64 KiB at a time by default; larger reads are faster. */
const SHP_READ_CHUNK = 1 << 20;
/**
 * Up to this size the .shp is handed to the package as one buffer, which it slices about 30 %
 * faster than a stream (680,000 points are 19 MB); larger files are streamed.
 */
const SHP_IN_MEMORY_BYTES = 64 << 20;

/**
 * Opens a layer for reading: checks the .shp and .dbf up front (so iteration does not fail half
 * way), chooses the text encoding, and returns the rows as an async iterable. Geometry is read
 * with the `shapefile` package (GeoJSON, polygon rings sorted into outer rings and holes), in the
 * layer's own CRS; attributes with the batch .dbf reader, decoded.
 *
 * @throws SourceError 'shp.corrupt' | 'shp.truncated' | 'shp.unsupported_type' | 'dbf.corrupt' |
 *   'dbf.truncated' | 'dbf.unsupported' | 'encoding.unknown'
 * @example
 * const layer = await readLayer(source.layers[0]);
 * console.log(layer.encoding); // { encoding: 'gbk', source: 'ldid' }
 * for await (const record of layer.records) console.log(record.row, record.geometry, record.attributes);
 * for await (const { rejection } of layer.unpairedRecords) console.log(rejection.message);
 */
export async function readLayer(layer: SourceLayer, options: ReadLayerOptions = {}): Promise<LayerRead> {
  const shpName = layer.displayPath;
  const dbfName = sidecarName(layer, layer.dbfPath);
  // the .shp first: when both are broken, the geometry file is the one to name
  const scan = await scanShp(layer.shpPath, shpName);
  const dbfHeader = layer.dbfPath ? await readDbfHeader(layer.dbfPath, dbfName) : undefined;
  const warnings = [...scan.warnings, ...(dbfHeader?.warnings ?? [])];

  const cpg = layer.cpgPath ? await readSmallText(layer.cpgPath) : undefined;
  const { choice, warnings: encodingWarnings } = await chooseTextEncoding({
    ...(options.encoding !== undefined ? { override: options.encoding } : {}),
    ...(cpg !== undefined ? { cpg, cpgFile: sidecarName(layer, layer.cpgPath) } : {}),
    ...(dbfHeader ? { languageDriver: dbfHeader.languageDriver, samples: () => sampleDbfText(layer.dbfPath!, dbfHeader) } : {}),
  });
  warnings.push(...encodingWarnings);
  const dbf = dbfHeader ? new DbfReader(layer.dbfPath!, dbfName, dbfHeader, createTextDecoder(choice.encoding)) : undefined;

  const shpRowCount = scan.recordCount;
  const dbfRowCount = dbfHeader?.recordCount;
  const paired = dbfRowCount === undefined ? shpRowCount : Math.min(shpRowCount, dbfRowCount);
  if (!dbf) {
    warnings.push({ rule: 'source.no_dbf', message: `${shpName} has no .dbf: its rows have no attributes`, file: shpName });
  } else if (dbfRowCount !== shpRowCount) {
    const more = shpRowCount > dbfRowCount! ? shpName : dbfName;
    const last = Math.max(shpRowCount, dbfRowCount!);
    const common = paired === 0 ? 'no row has both a shape and attributes' : `rows 1–${paired} were read`;
    const extra = last === paired + 1 ? `row ${last} exists` : `rows ${paired + 1}–${last} exist`;
    warnings.push({
      rule: 'source.count_mismatch',
      message: `${shpName} has ${shpRowCount} rows but ${dbfName} has ${dbfRowCount}: ${common}; ${extra} only in ${more} and ${last === paired + 1 ? 'is' : 'are'} rejected`,
      file: shpName,
    });
  }

  const base = (GEOMETRY_TYPES as Record<number, LayerRead['geometryType']>)[scan.shapeType % 10];
  const read: LayerRead = {
    layer,
    encoding: choice,
    fields: dbf?.fields ?? [],
    geometryType: base ?? null,
    shapeType: scan.shapeType,
    shapeTypeName: SHAPE_TYPE_NAMES[scan.shapeType]!,
    bbox: scan.bbox,
    shpRowCount,
    dbfRowCount,
    pairedRowCount: paired,
    deletedRowCount: 0,
    warnings,
    records: { [Symbol.asyncIterator]: () => pairedRecords(layer, read, dbf) },
    unpairedRecords: { [Symbol.asyncIterator]: () => unpairedRecords(layer, read, dbf) },
  };
  return read;
}

async function* pairedRecords(layer: SourceLayer, read: LayerRead, dbf: DbfReader | undefined): AsyncGenerator<RawRecord> {
  const shapes = new ShapeStream(layer.shpPath, layer.displayPath, undefined, read.shapeType);
  const batches = dbf?.batches(0, read.pairedRowCount);
  let batch: DbfBatch | undefined;
  let deleted = 0;
  try {
    for (let i = 0; i < read.pairedRowCount; i++) {
      const geometry = await shapes.next(i + 1);
      let attributes: RawRecord['attributes'] | null = {};
      if (batches) {
        if (!batch || i >= batch.start + batch.rows.length) batch = await nextBatch(batches, dbf!, i + 1);
        attributes = batch.rows[i - batch.start]!;
      }
      if (attributes === null) {
        read.deletedRowCount = ++deleted;
        continue;
      }
      yield { layer: layer.name, row: i + 1, geometry, attributes };
    }
  } finally {
    await batches?.return(undefined);
    await shapes.close();
  }
}

async function nextBatch(batches: AsyncGenerator<DbfBatch>, dbf: DbfReader, row: number): Promise<DbfBatch> {
  const next = await batches.next();
  if (next.done) throw new SourceError('dbf.truncated', `${dbf.displayName} ended before row ${row}`, { file: dbf.displayName, row });
  return next.value;
}

async function* unpairedRecords(
  layer: SourceLayer,
  read: LayerRead,
  dbf: DbfReader | undefined,
): AsyncGenerator<UnpairedRecord> {
  const { pairedRowCount, shpRowCount, dbfRowCount } = read;
  if (dbfRowCount === undefined || dbfRowCount === shpRowCount) return;
  const dbfName = sidecarName(layer, layer.dbfPath);
  if (dbfRowCount > shpRowCount) {
    const message = (row: number) => `row ${row} is in ${dbfName} but ${layer.displayPath} has only ${shpRowCount} shapes: it has no geometry`;
    for await (const batch of dbf!.batches(pairedRowCount, dbfRowCount)) {
      for (let k = 0; k < batch.rows.length; k++) {
        const attributes = batch.rows[k];
        const row = batch.start + k + 1;
        if (!attributes) continue; // deleted anyway
        const record: RawRecord = { layer: layer.name, row, geometry: null, attributes };
        yield { record, onlyIn: 'dbf', rejection: { rule: 'source.count_mismatch', message: message(row) } };
      }
    }
    return;
  }
  // a second header pass finds where the unpaired records start, so the first rows are not parsed again
  const { tailOffset } = await scanShp(layer.shpPath, layer.displayPath, { tailFrom: pairedRowCount });
  const shapes = new ShapeStream(layer.shpPath, layer.displayPath, tailOffset);
  try {
    for (let row = pairedRowCount + 1; row <= shpRowCount; row++) {
      const record: RawRecord = { layer: layer.name, row, geometry: await shapes.next(row), attributes: {} };
      const message = `row ${row} is in ${layer.displayPath} but ${dbfName} has only ${dbfRowCount} rows: it has no attributes`;
      yield { record, onlyIn: 'shp', rejection: { rule: 'source.count_mismatch', message } };
    }
  } finally {
    await shapes.close();
  }
}

/**
 * The `shapefile` package's sequential .shp reader, from the first record or from a byte offset
 * (the file header is replayed in front of the tail), with its failures turned into SourceErrors.
 */
class ShapeStream {
  private source: Promise<ShapeSource>;

  constructor(
    path: string,
    private readonly displayName: string,
    fromOffset?: number,
    /** The file's shape type as scanShp read it: a point file read whole goes through ShpPointReader. */
    shapeType?: number,
  ) {
    this.source = openShapes(path, fromOffset, shapeType);
  }

  async next(row: number): Promise<Geometry | null> {
    let result: { done: boolean; value: Geometry | null };
    try {
      result = await (await this.source).read();
    } catch (error) {
      throw new SourceError('shp.corrupt', `${this.displayName}: record ${row} cannot be read (${(error as Error).message})`, {
        file: this.displayName,
        row,
      }, { cause: error });
    }
    // the scan counted this record: the file changed under us
    if (result.done) throw new SourceError('shp.truncated', `${this.displayName} ended before record ${row}`, { file: this.displayName, row });
    return result.value;
  }

  async close(): Promise<void> {
    await (await this.source.catch(() => undefined))?.cancel();
  }
}

type ShapeSource = Pick<shapefile.Source<Geometry | null>, 'read' | 'cancel'>;

async function openShapes(path: string, fromOffset: number | undefined, shapeType: number | undefined): Promise<ShapeSource> {
  let input: shapefile.Openable;
  if (fromOffset !== undefined) input = tailStream(path, fromOffset);
  else if ((await stat(path)).size <= SHP_IN_MEMORY_BYTES) input = await readFile(path);
  else input = path;
  if (Buffer.isBuffer(input) && shapeType !== undefined && POINT_TYPES.has(shapeType)) return new ShpPointReader(input);
  return (await shapefile.openShp(input, { highWaterMark: SHP_READ_CHUNK })) as shapefile.Source<Geometry | null>;
}

function tailStream(path: string, fromOffset: number): Readable {
  async function* chunks() {
    const file = await open(path, 'r');
    const header = Buffer.alloc(SHP_HEADER_SIZE);
    try {
      await file.read(header, 0, SHP_HEADER_SIZE, 0);
    } finally {
      await file.close();
    }
    yield header;
    yield* createReadStream(path, { start: fromOffset, highWaterMark: SHP_READ_CHUNK });
  }
  return Readable.from(chunks(), { objectMode: false });
}

async function readSmallText(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(MAX_CPG_BYTES);
    const { bytesRead } = await file.read(buf, 0, MAX_CPG_BYTES, 0);
    return buf.toString('latin1', 0, bytesRead);
  } finally {
    await file.close();
  }
}

/** `survey/井盖.dbf` for the .dbf of `survey/井盖.shp`. */
function sidecarName(layer: SourceLayer, path: string | undefined): string {
  const extension = path?.slice(path.lastIndexOf('.')) ?? '';
  return layer.displayPath.replace(/\.shp$/i, extension);
}

