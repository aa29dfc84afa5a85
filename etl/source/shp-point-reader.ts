/**
 * The records of a point .shp (Point, PointZ, PointM) read straight from the file's bytes, as the
 * `shapefile` package reads them: x and y of each record (Z and M dropped), null for a null shape.
 * The package spends several promises and buffer copies on each record; a survey of points is
 * nothing but records of 20–36 bytes, so for these files read-layer.ts takes this reader instead.
 * It relies on scanShp having checked every record header (length, shape type) first.
 *
 * @example
 * const points = new ShpPointReader(await readFile('井盖.shp'));
 * for (let r = await points.read(); !r.done; r = await points.read()) console.log(r.value);
 */
import type { Point } from 'geojson';

const HEADER_SIZE = 100;
const RECORD_HEADER_SIZE = 8;

export class ShpPointReader {
  private offset = HEADER_SIZE;

  constructor(private readonly buf: Buffer) {}

  /** The next record's point, null for a null shape; done past the last complete record. */
  async read(): Promise<{ done: boolean; value: Point | null }> {
    const { buf } = this;
    const content = this.offset + RECORD_HEADER_SIZE;
    if (content + 4 > buf.length) return { done: true, value: null };
    const end = content + buf.readInt32BE(this.offset + 4) * 2;
    if (end > buf.length) return { done: true, value: null };
    this.offset = end;
    if (buf.readInt32LE(content) === 0) return { done: false, value: null };
    return { done: false, value: { type: 'Point', coordinates: [buf.readDoubleLE(content + 4), buf.readDoubleLE(content + 12)] } };
  }

  async cancel(): Promise<void> {}
}
