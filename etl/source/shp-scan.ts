/**
 * A pass over a .shp's record headers before its geometry is parsed: it proves the file is a
 * shapefile, counts its records without trusting the .shx (which may be missing), and finds
 * truncation and corruption up front, so the geometry parser never meets a record it would
 * misread, skip or crash on. It reads the file in large chunks and looks at a few bytes per
 * record: about 0.1 s for 680,000 points.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { SourceError, type SourceWarning } from './source-error.ts';

/** What the scan found. */
export interface ShpScan {
  /** Shape type from the file header: 1 Point, 3 PolyLine, 5 Polygon, 8 MultiPoint, +10 Z, +20 M. */
  shapeType: number;
  recordCount: number;
  /** [xmin, ymin, xmax, ymax] from the file header. */
  bbox: [number, number, number, number];
  /** Byte offset of record `tailFrom` (0-based), when asked for and present. */
  tailOffset?: number;
  warnings: SourceWarning[];
}

/** Shape types the `shapefile` package parses (MultiPatch, 31, is not one of them). */
export const SHAPE_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
};

const FILE_CODE = 9994;
const HEADER_SIZE = 100;
const RECORD_HEADER_SIZE = 8;
const CHUNK_SIZE = 4 << 20;
/** The fixed part of a record that tells whether the rest fits: type, bbox, counts. */
const POINT_MIN = 20;
const MULTIPOINT_MIN = 40;
const POLY_MIN = 44;

/**
 * Scans `path` (shown to users as `displayName`).
 *
 * @throws SourceError 'shp.corrupt' (not a shapefile, a record that does not fit its own header),
 *   'shp.truncated' (the file ends inside a record), 'shp.unsupported_type' (MultiPatch, unknown)
 * @example
 * const scan = await scanShp('/tmp/u/井盖.shp', '井盖.shp');
 * scan.recordCount; // 680000
 */
export async function scanShp(path: string, displayName: string, options: { tailFrom?: number } = {}): Promise<ShpScan> {
  const file = await open(path, 'r');
  try {
    return await scan(file, displayName, options.tailFrom);
  } finally {
    await file.close();
  }
}

async function scan(file: FileHandle, displayName: string, tailFrom: number | undefined): Promise<ShpScan> {
  const { size } = await file.stat();
  const at = { file: displayName };
  const corrupt = (why: string, row?: number) =>
    new SourceError('shp.corrupt', `${displayName} is not a readable shapefile: ${why}`, row === undefined ? at : { ...at, row });
  if (size < HEADER_SIZE) throw corrupt(`only ${size} bytes, shorter than the 100-byte header`);

  const window = new FileWindow(file, size);
  let p = await window.load(0, HEADER_SIZE);
  let buf = window.buf;
  if (buf.readInt32BE(p) !== FILE_CODE) throw corrupt(`it does not start with the shapefile file code 9994 (found ${buf.readInt32BE(p)})`);
  const shapeType = buf.readInt32LE(p + 32);
  if (!(shapeType in SHAPE_TYPE_NAMES)) {
    const what = shapeType === 31 ? 'MultiPatch (type 31)' : `shape type ${shapeType}`;
    throw new SourceError(
      'shp.unsupported_type',
      `${displayName} holds ${what} geometry, which civicgrid does not read: export the layer as points, lines or polygons`,
      at,
    );
  }
  const bbox: ShpScan['bbox'] = [buf.readDoubleLE(p + 36), buf.readDoubleLE(p + 44), buf.readDoubleLE(p + 52), buf.readDoubleLE(p + 60)];
  const declaredSize = buf.readInt32BE(p + 24) * 2;
  const result: ShpScan = { shapeType, recordCount: 0, bbox, warnings: [] };

  let offset = HEADER_SIZE;
  let row = 0; // records completely checked
  while (offset < size) {
    if (row === tailFrom) result.tailOffset = offset;
    const recordRow = row + 1;
    if (offset + RECORD_HEADER_SIZE + 4 > size) {
      throw truncated(displayName, recordRow, `the file ends inside the header of record ${recordRow}`);
    }
    p = window.has(offset, RECORD_HEADER_SIZE + POLY_MIN) ? window.index(offset) : await window.load(offset, RECORD_HEADER_SIZE + POLY_MIN);
    buf = window.buf;
    const contentLength = buf.readInt32BE(p + 4) * 2;
    if (contentLength < 4) throw corrupt(`record ${recordRow} (byte ${offset}) declares a content length of ${contentLength} bytes`, recordRow);
    const end = offset + RECORD_HEADER_SIZE + contentLength;
    if (end > size) {
      throw truncated(displayName, recordRow, `record ${recordRow} needs ${contentLength} bytes from byte ${offset + 8} but the file ends at byte ${size}`);
    }
    const type = buf.readInt32LE(p + 8);
    if (type !== 0) {
      if (type !== shapeType) {
        throw corrupt(`record ${recordRow} has shape type ${type} in a file of ${SHAPE_TYPE_NAMES[shapeType]} (${shapeType})`, recordRow);
      }
      const problem = await checkContent(window, offset + RECORD_HEADER_SIZE, contentLength, shapeType);
      if (problem) throw corrupt(`record ${recordRow}: ${problem}`, recordRow);
    }
    offset = end;
    row++;
  }
  result.recordCount = row;
  if (declaredSize !== size) {
    result.warnings.push({
      rule: 'shp.length_mismatch',
      message: `${displayName}: the header says ${declaredSize} bytes but the file has ${size}; all ${row} complete records were read`,
      file: displayName,
    });
  }
  return result;
}

/** Whether a record's counts fit inside its content; returns the problem, or undefined. */
async function checkContent(window: FileWindow, start: number, length: number, shapeType: number): Promise<string | undefined> {
  const base = shapeType % 10;
  if (base === 1) return length < POINT_MIN ? `${length} bytes are too few for a point` : undefined;
  const fixed = base === 8 ? MULTIPOINT_MIN : POLY_MIN;
  if (length < fixed) return `${length} bytes are too few for its shape type`;
  let p = window.has(start, fixed) ? window.index(start) : await window.load(start, fixed);
  if (base === 8) {
    const points = window.buf.readInt32LE(p + 36);
    if (points < 0 || MULTIPOINT_MIN + 16 * points > length) return `${points} points do not fit in ${length} bytes`;
    return undefined;
  }
  const parts = window.buf.readInt32LE(p + 36);
  const points = window.buf.readInt32LE(p + 40);
  if (parts < 0 || points < 0 || POLY_MIN + 4 * parts + 16 * points > length) {
    return `${parts} parts and ${points} points do not fit in ${length} bytes`;
  }
  p = window.has(start, POLY_MIN + 4 * parts) ? window.index(start) : await window.load(start, POLY_MIN + 4 * parts);
  let previous = 0;
  for (let i = 0; i < parts; i++) {
    const first = window.buf.readInt32LE(p + POLY_MIN + 4 * i);
    if (first < previous || first > points || (i === 0 && first !== 0)) return `part ${i + 1} starts at point ${first} of ${points}`;
    previous = first;
  }
  return undefined;
}

function truncated(displayName: string, row: number, why: string): SourceError {
  return new SourceError('shp.truncated', `${displayName} is cut off: ${why}. Upload the complete file.`, { file: displayName, row });
}

/** A sliding window over a file, refilled in large chunks. */
class FileWindow {
  buf = Buffer.allocUnsafe(CHUNK_SIZE);
  private start = 0;
  private length = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
  ) {}

  has(position: number, length: number): boolean {
    return position >= this.start && position + Math.min(length, this.size - position) <= this.start + this.length;
  }

  index(position: number): number {
    return position - this.start;
  }

  /** Loads at least `length` bytes (fewer at the end of the file) from `position`; returns its index. */
  async load(position: number, length: number): Promise<number> {
    if (length > this.buf.length) this.buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await this.file.read(this.buf, 0, Math.min(this.buf.length, this.size - position), position);
    this.start = position;
    this.length = bytesRead;
    return 0;
  }
}
