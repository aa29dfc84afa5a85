/**
 * With no .prj, which coordinate systems could the data be in? The magnitudes of the sample's
 * bounding box name the families —
 *
 *   |x| ≤ 180, |y| ≤ 90               lon/lat: WGS 84 (CGCS2000 geographic is the same to centimetres)
 *   x 8 digits, 13–23 / 25–45 million  Gauss-Kruger with the zone number prefixed (6- / 3-degree)
 *   x 100 000–900 000, y < 10 million  Gauss-Kruger "CM" zones of every datum, and UTM
 *   |x|, |y| ≤ 20 037 509              Web Mercator and World Mercator
 *
 * — and each family member is kept only if it puts the whole sample inside the district.
 * CGCS2000, Xian 1980 and Beijing 1954 zones with the same central meridian all fit (they differ
 * by tens of metres), so a CM-style survey with no .prj is usually ambiguous: the caller lists the
 * candidates and asks for --srs.
 */
import { crsCatalog, specKey, type CrsEntry } from './crs-catalog.ts';
import { createPointTransformer } from './point-transformer.ts';

/** A bounding box: degrees for a district, source-CRS units for a sample. */
export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export type MagnitudeFamily = 'lonlat' | 'zone-prefixed' | 'central-meridian' | 'mercator';

export interface CrsCandidate {
  epsg: number;
  name: string;
  family: MagnitudeFamily;
  /** The sample's bbox in WGS 84 degrees under this CRS. */
  wgs84Bbox: Bbox;
}

export interface InferOptions {
  /** How far (degrees) the data may reach past the district bbox; default 0.05 (≈ 5 km). */
  marginDegrees?: number;
}

const MERCATOR_LIMIT = 20_037_508.35;

/**
 * Which families' coordinate ranges hold the whole sample bbox.
 *
 * @example
 * magnitudeFamilies({ west: 40_533_409, south: 3_436_570, east: 40_557_123, north: 3_464_391 }); // ['zone-prefixed']
 */
export function magnitudeFamilies(sample: Bbox): MagnitudeFamily[] {
  const { west, south, east, north } = sample;
  const families: MagnitudeFamily[] = [];
  if (west >= -180 && east <= 180 && south >= -90 && north <= 90) families.push('lonlat');
  const prefix = Math.floor(west / 1e6);
  if (prefix === Math.floor(east / 1e6) && ((prefix >= 13 && prefix <= 23) || (prefix >= 25 && prefix <= 45)) && south >= 0 && north < 1e7) {
    families.push('zone-prefixed');
  }
  if (west >= 100_000 && east <= 900_000 && south >= 0 && north < 1e7) families.push('central-meridian');
  if (Math.max(-west, east, -south, north) <= MERCATOR_LIMIT && !families.includes('lonlat')) families.push('mercator');
  return families;
}

function familyMembers(family: MagnitudeFamily, sample: Bbox): CrsEntry[] {
  const entries = [...crsCatalog.values()];
  switch (family) {
    case 'lonlat':
      return [crsCatalog.get(4326)!];
    case 'zone-prefixed': {
      const x0 = Math.floor(sample.west / 1e6) * 1e6 + 500_000;
      return entries.filter((e) => e.spec.method === 'tmerc' && e.spec.x0 === x0);
    }
    case 'central-meridian':
      return entries.filter((e) => e.spec.method === 'tmerc' && e.spec.x0 === 500_000);
    case 'mercator':
      return entries.filter((e) => e.spec.method === 'merc' || e.spec.method === 'webmerc');
  }
}

/** The sample's corners and centre in WGS 84, as a bbox; undefined if any has no position. */
function projectBbox(entry: CrsEntry, sample: Bbox): Bbox | undefined {
  const toWgs84 = createPointTransformer(entry.proj4);
  const midX = (sample.west + sample.east) / 2;
  const midY = (sample.south + sample.north) / 2;
  const points = [[sample.west, sample.south], [sample.west, sample.north], [sample.east, sample.south], [sample.east, sample.north], [midX, midY]];
  const out = [0, 0];
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const [x, y] of points) {
    toWgs84(x!, y!, out);
    const [lon, lat] = out as [number, number];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
    box.west = Math.min(box.west, lon);
    box.east = Math.max(box.east, lon);
    box.south = Math.min(box.south, lat);
    box.north = Math.max(box.north, lat);
  }
  return box;
}

/**
 * The catalog CRSs whose coordinate ranges fit the sample and that put it inside the district
 * (grown by a margin), CGCS2000 first, then Xian 1980, Beijing 1954, WGS 84 / UTM / Mercator.
 * Codes that define the same transformation (a 6-degree CM zone and the 3-degree CM zone on the
 * same meridian) are listed once, as the 3-degree code.
 *
 * @example
 * inferCrsCandidates({ west: 530000, south: 3440000, east: 580000, north: 3470000 }, WUZHONG)
 *   .map((c) => c.epsg); // [4549, 2385, 2437]
 */
export function inferCrsCandidates(sample: Bbox, district: Bbox, options: InferOptions = {}): CrsCandidate[] {
  const margin = options.marginDegrees ?? 0.05;
  const values = [sample.west, sample.south, sample.east, sample.north];
  if (!values.every(Number.isFinite) || sample.west > sample.east || sample.south > sample.north) return [];
  const candidates: CrsCandidate[] = [];
  const seen = new Set<string>();
  for (const family of magnitudeFamilies(sample)) {
    for (const entry of familyMembers(family, sample)) {
      // a 6-degree CM zone is the same transformation as the 3-degree CM zone on its meridian
      const key = specKey(entry.spec);
      if (seen.has(key)) continue;
      seen.add(key);
      const box = projectBbox(entry, sample);
      const inside = box !== undefined &&
        box.west >= district.west - margin && box.east <= district.east + margin &&
        box.south >= district.south - margin && box.north <= district.north + margin;
      if (inside) candidates.push({ epsg: entry.epsg, name: entry.name, family, wgs84Bbox: box });
    }
  }
  return candidates;
}
