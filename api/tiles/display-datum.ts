/**
 * The datum a map displays in. Components are stored in WGS84 (CGCS2000); a map drawn over a
 * GCJ-02 basemap (AutoNavi, Tencent: China's "offset" web maps, 300–700 m away from WGS84 in
 * Wuzhong) needs its features shifted to GCJ-02 to sit on that basemap's streets. A tile in GCJ-02
 * covers a GCJ-02 extent: its features are selected over the WGS84 extent that shifts into it,
 * then shifted (gcoord), and those that land outside the tile's buffered extent are left out.
 *
 * @example
 *   const frame = tileFrame({ z: 16, x: 54_794, y: 26_820 }, 'gcj02');
 *   selectTileFeatures(knex, frame.select, …);   // WGS84
 *   frame.toDisplay?.(120.6, 31.27)              // → GCJ-02 [lon, lat]
 */
import type { Geometry } from 'geojson';
import { gcoord } from '../../etl/reproject/gcoord.ts';
import { tileBounds, tileBuffer, type LonLatBounds, type TileAddress } from './tile-address.ts';

export const displayDatums = ['wgs84', 'gcj02'] as const;
export type DisplayDatum = (typeof displayDatums)[number];

/** Longitude/latitude in, longitude/latitude out. */
export type Shift = (lon: number, lat: number) => [number, number];

export interface TileFrame {
  /** The WGS84 extent whose features the tile may show (the buffered tile, unshifted). */
  select: LonLatBounds;
  /** The tile's buffered extent in the display datum: shifted points outside it are left out. */
  keep: LonLatBounds;
  /** WGS84 → display datum; null when the two are the same. */
  toDisplay: Shift | null;
  /** The same for a geometry, shifted in place. */
  toDisplayGeometry: ((geometry: Geometry) => Geometry) | null;
}

/** GCJ-02 moves a point in China by less than this many degrees (under 1 km). */
export const gcj02ShiftBound = 0.01;

/** GCJ-02's offset changes by at most ~0.3 % of the distance moved (its sine terms' slope): the
 * WGS84 extent, found from a 5 × 5 sample of the tile's, is grown by this much to be sure. */
const selectMargin = 0.002;
const samples = 5;

const wgs84ToGcj02: Shift = (lon, lat) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
const gcj02ToWgs84: Shift = (lon, lat) => gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];

/** What a tile of `datum` selects, keeps and shifts. */
export function tileFrame(tile: TileAddress, datum: DisplayDatum): TileFrame {
  const keep = tileBounds(tile, tileBuffer);
  if (datum === 'wgs84') return { select: keep, keep, toDisplay: null, toDisplayGeometry: null };
  return { select: unshiftedBounds(keep, gcj02ToWgs84), keep, toDisplay: wgs84ToGcj02, toDisplayGeometry: geometryToGcj02 };
}
const geometryToGcj02 = (geometry: Geometry): Geometry => gcoord.transform(geometry as never, gcoord.WGS84, gcoord.GCJ02) as Geometry;

/** The WGS84 extent of a displayed extent: its sampled points shifted back, grown by the margin. */
function unshiftedBounds(bounds: LonLatBounds, toWgs84: Shift): LonLatBounds {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      const lon = bounds.west + ((bounds.east - bounds.west) * i) / (samples - 1);
      const lat = bounds.south + ((bounds.north - bounds.south) * j) / (samples - 1);
      const [x, y] = toWgs84(lon, lat);
      west = Math.min(west, x);
      east = Math.max(east, x);
      south = Math.min(south, y);
      north = Math.max(north, y);
    }
  }
  return { west: west - selectMargin, south: south - selectMargin, east: east + selectMargin, north: north + selectMargin };
}

/** True when a point lies in the extent. */
export function boundsContain(bounds: LonLatBounds, lon: number, lat: number): boolean {
  return lon >= bounds.west && lon <= bounds.east && lat >= bounds.south && lat <= bounds.north;
}
