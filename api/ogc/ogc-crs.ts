/**
 * Coordinate reference systems the OGC API offers (OGC API – Features Part 2, CRS by reference).
 *
 * Data are stored in EPSG:4326 and served in CRS84 (longitude, latitude) by default. EPSG:4490
 * (CGCS2000, 国家2000坐标系) and EPSG:4326 (WGS 84) are offered too; both define latitude-first axis
 * order, so coordinates in them are the same numbers swapped. CGCS2000 and WGS 84 differ by a few
 * centimetres, below the survey's accuracy: no datum shift is applied, only the axis order changes.
 */

/** A CRS this API can answer in. */
export interface OgcCrs {
  uri: string;
  /** EPSG's geographic CRSs are latitude, longitude; CRS84 is longitude, latitude. */
  latFirst: boolean;
}

export const crs84: OgcCrs = { uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', latFirst: false };
/** CGCS2000 — 国家2000大地坐标系. */
export const cgcs2000: OgcCrs = { uri: 'http://www.opengis.net/def/crs/EPSG/0/4490', latFirst: true };
export const wgs84: OgcCrs = { uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', latFirst: true };

/** Every CRS offered, CRS84 (the storage and default CRS) first. */
export const supportedCrs: readonly OgcCrs[] = [crs84, cgcs2000, wgs84];

/** The offered CRS with this URI, or undefined. */
export function findCrs(uri: string): OgcCrs | undefined {
  return supportedCrs.find((crs) => crs.uri === uri);
}

/** A bounding box in CRS84 order: [minLon, minLat, maxLon, maxLat]. */
export type LonLatBbox = [number, number, number, number];

/**
 * A 2D bbox given in `crs` (two corners, each in the CRS's axis order) as [minLon, minLat, maxLon, maxLat].
 *
 * @example
 * toLonLatBbox([31.2, 120.5, 31.3, 120.7], cgcs2000) // → [120.5, 31.2, 120.7, 31.3]
 */
export function toLonLatBbox(bbox: readonly [number, number, number, number], crs: OgcCrs): LonLatBbox {
  const [a, b, c, d] = bbox;
  return crs.latFirst ? [b, a, d, c] : [a, b, c, d];
}

/** The `Content-Crs` header value: the CRS URI in angle brackets. */
export function contentCrsHeader(crs: OgcCrs): string {
  return `<${crs.uri}>`;
}
