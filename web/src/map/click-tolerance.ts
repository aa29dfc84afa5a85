/**
 * How far a click reaches on the ground: a tolerance in screen pixels turned into metres at the
 * map's zoom and latitude (Web Mercator, 512-pixel tiles as MapLibre draws them).
 */

const earthCircumference = 40_075_016.686;

/**
 * Metres covered by one CSS pixel at this zoom and latitude.
 * @example metresPerPixel(17, 31.2) // ≈ 0.51
 */
export function metresPerPixel(zoom: number, latitude: number): number {
  return (earthCircumference * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * The search radius for a click, clamped to what /api/components/nearby accepts (0 < r ≤ 500 m).
 * @example clickRadiusMetres(17, 31.2, 8) // ≈ 4.1
 */
export function clickRadiusMetres(zoom: number, latitude: number, tolerancePx = 8): number {
  return Math.min(500, Math.max(0.5, tolerancePx * metresPerPixel(zoom, latitude)));
}
