/**
 * A tile's address (z/x/y in the XYZ scheme MapLibre requests) and the arithmetic around it:
 * validation, the tile's extent in longitude/latitude, and Web Mercator projection of a
 * longitude/latitude into the tile's integer coordinate space.
 *
 * @example
 *   const tile = parseTileAddress('14', '13703', '6710'); // throws TileAddressError when out of range
 *   tileBounds(tile) // → { west, south, east, north } in degrees
 */

/** The deepest zoom served; MapLibre overzooms beyond the TileJSON maxzoom anyway. */
export const maxTileZoom = 22;
/** Tile coordinate space (MVT extent). */
export const tileExtent = 4096;
/** Features are kept this far outside the tile (in tile units) so symbols cross tile edges. */
export const tileBuffer = 64;

/** Web Mercator's latitude limit. */
const maxLatitude = 85.0511287798066;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export interface LonLatBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A z/x/y that is not a tile: the route answers 400 with the message. */
export class TileAddressError extends Error {}

/** Parses and checks z/x/y as they come in a URL. */
export function parseTileAddress(z: string, x: string, y: string): TileAddress {
  const parts = [z, x, y].map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : Number.NaN));
  const [zoom, column, row] = parts as [number, number, number];
  if (parts.some(Number.isNaN)) throw new TileAddressError(`tile ${z}/${x}/${y}: z, x and y must be non-negative integers`);
  if (zoom > maxTileZoom) throw new TileAddressError(`tile ${z}/${x}/${y}: zoom ${zoom} is beyond the deepest zoom ${maxTileZoom}`);
  const size = 2 ** zoom;
  if (column >= size || row >= size) throw new TileAddressError(`tile ${z}/${x}/${y}: x and y must be below ${size} at zoom ${zoom}`);
  return { z: zoom, x: column, y: row };
}

function longitudeOf(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

function latitudeOf(y: number, z: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** z;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** The tile's extent in degrees, grown by `buffer` tile units on every side. */
export function tileBounds({ z, x, y }: TileAddress, buffer = 0): LonLatBounds {
  const grow = buffer / tileExtent;
  return {
    west: Math.max(-180, longitudeOf(x - grow, z)),
    east: Math.min(180, longitudeOf(x + 1 + grow, z)),
    north: Math.min(maxLatitude, latitudeOf(y - grow, z)),
    south: Math.max(-maxLatitude, latitudeOf(y + 1 + grow, z)),
  };
}

/** Projects longitude/latitude to the tile's integer coordinates (may fall outside 0…extent). */
export function projectToTile(tile: TileAddress): (lon: number, lat: number) => [number, number] {
  const scale = 2 ** tile.z * tileExtent;
  const offsetX = tile.x * tileExtent;
  const offsetY = tile.y * tileExtent;
  return (lon, lat) => {
    const sin = Math.sin((Math.max(-maxLatitude, Math.min(maxLatitude, lat)) * Math.PI) / 180);
    const px = ((lon + 180) / 360) * scale;
    const py = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale;
    return [Math.round(px - offsetX), Math.round(py - offsetY)];
  };
}

/** The tile at zoom `z` that holds a longitude/latitude. */
export function tileContaining(lon: number, lat: number, z: number): TileAddress {
  const [x, y] = projectToTile({ z, x: 0, y: 0 })(lon, lat).map((unit) => Math.floor(unit / tileExtent)) as [number, number];
  const last = 2 ** z - 1;
  return { z, x: Math.min(last, Math.max(0, x)), y: Math.min(last, Math.max(0, y)) };
}

/** True when two extents overlap. */
export function boundsIntersect(a: LonLatBounds, b: LonLatBounds): boolean {
  return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}
