/** How far a photo was taken from its component: great-circle metres on the WGS84 mean radius. */

const earthRadiusMetres = 6_371_008.8;
const radians = Math.PI / 180;

/**
 * Haversine distance in metres between two [lon, lat] positions; ample for tens of metres.
 *
 * @example
 * metresBetween([120.6, 31.26], [120.6, 31.2609]) // ≈ 100
 */
export function metresBetween([lon1, lat1]: readonly number[], [lon2, lat2]: readonly number[]): number {
  const dLat = (lat2! - lat1!) * radians;
  const dLon = (lon2! - lon1!) * radians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1! * radians) * Math.cos(lat2! * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMetres * Math.asin(Math.min(1, Math.sqrt(a)));
}
