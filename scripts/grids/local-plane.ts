/**
 * A local equirectangular plane in kilometres centred on Wuzhong, so that
 * Voronoi cells and graph distances are isotropic on the ground rather than
 * stretched by the lon/lat aspect ratio (1° of longitude is ~14 % shorter
 * than 1° of latitude at 31° N).
 */

/** Longitude of the plane origin. */
export const ORIGIN_LON = 120.6;
/** Latitude of the plane origin. */
export const ORIGIN_LAT = 31.15;
// constants rather than Math.cos so the result cannot drift between engines
const KM_PER_DEG_LON = 95.3;
const KM_PER_DEG_LAT = 110.9;

/** A point in the local plane, kilometres east and north of the origin. */
export type PlanePoint = [x: number, y: number];

/**
 * Project WGS84 lon/lat to the local plane.
 * @example toPlane([120.6, 31.15]); // [0, 0]
 */
export function toPlane([lon, lat]: readonly number[]): PlanePoint {
  return [(lon! - ORIGIN_LON) * KM_PER_DEG_LON, (lat! - ORIGIN_LAT) * KM_PER_DEG_LAT];
}

/**
 * Unproject a local-plane point to WGS84 lon/lat, rounded to 6 decimals
 * (~0.1 m), the precision of every coordinate the generator writes.
 * @example toLonLat([0, 0]); // [120.6, 31.15]
 */
export function toLonLat([x, y]: readonly number[]): [lon: number, lat: number] {
  return [round6(ORIGIN_LON + x! / KM_PER_DEG_LON), round6(ORIGIN_LAT + y! / KM_PER_DEG_LAT)];
}

/**
 * Round to 6 decimals, the coordinate precision of the grid file.
 * @example round6(120.1234567); // 120.123457
 */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Distance in km between two plane points. Plain `Math.sqrt` (correctly
 * rounded by IEEE 754) rather than `Math.hypot`, whose last bit may differ
 * between engines, so ties break the same way everywhere.
 * @example planeDistance([0, 0], [3, 4]); // 5
 */
export function planeDistance(a: readonly number[], b: readonly number[]): number {
  const dx = a[0]! - b[0]!;
  const dy = a[1]! - b[1]!;
  return Math.sqrt(dx * dx + dy * dy);
}
