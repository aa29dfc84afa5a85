/**
 * Recognises the coordinate system of a .prj: ESRI WKT as ArcGIS writes it, OGC WKT1 and WKT2
 * as GDAL writes them, and the odd bare "EPSG:4549" or proj4 string. In order of trust:
 *
 *   1. an explicit EPSG authority of the CRS itself (AUTHORITY["EPSG","4549"], ID["EPSG",4549])
 *   2. its name, EPSG or ESRI spelling (CGCS2000_3_Degree_GK_CM_120E, Xian_1980_…, WGS_1984_UTM_Zone_50N)
 *   3. its parameters: Gauss-Kruger / Transverse Mercator / Mercator / geographic, built into a
 *      proj4 definition here (and matched back to a catalog code where they equal one)
 *   4. proj4js's own WKT reader, for other projections, accepted only if it round-trips a point
 */
import proj4 from 'proj4';
import { crsCatalog, describeCrs, findCrsByName, findCrsBySpec, specKey, specToProj4, type CrsEntry } from './crs-catalog.ts';
import { CrsError } from './reproject-errors.ts';
import { readWktCrs, type WktCrs } from './wkt-crs.ts';
import { parseWkt, WktSyntaxError } from './wkt-tree.ts';

/** A coordinate system, settled. */
export interface ResolvedCrs {
  epsg?: number;
  name: string;
  /** A proj4 string, or (only when proj4js's WKT reader was needed) the WKT itself. */
  definition: string;
  /** Beijing 1954 / Xian 1980 with no TOWGS84: converted without a datum shift. */
  approximate: boolean;
  /** A datum shift the .prj declared, "dx,dy,dz[,rx,ry,rz,s]". */
  towgs84?: string;
  recognisedBy: 'epsg-code' | 'authority' | 'name' | 'parameters' | 'proj4-string' | 'proj4js';
  warnings: string[];
}

const MAX_PRJ_LENGTH = 64 * 1024;

/**
 * Recognises the CRS of a .prj text; throws CrsError `crs.unreadable` (not a coordinate system)
 * or `crs.unknown` (one civicgrid cannot reproject from), naming the file.
 *
 * @example
 * parsePrj(readFileSync('井盖.prj', 'utf8'), '井盖.prj');
 * // { epsg: 4549, name: 'CGCS2000 / 3-degree Gauss-Kruger CM 120E', definition: '+proj=tmerc …', recognisedBy: 'name', … }
 */
export function parsePrj(text: string, fileName = '.prj'): ResolvedCrs {
  const clean = text.replace(/^\uFEFF/, '').replace(/\0+$/, '').trim();
  const unreadable = (why: string) =>
    new CrsError('crs.unreadable', `${fileName} is not a coordinate system: ${why}`);
  if (clean === '') throw unreadable('the file is empty');
  if (clean.length > MAX_PRJ_LENGTH) throw unreadable(`${clean.length} characters is far too long for a .prj`);
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0e-\x1f]/.test(clean)) throw unreadable('it holds binary data');

  const code = /^EPSG:(\d+)$/i.exec(clean);
  if (code) {
    const entry = crsCatalog.get(Number(code[1]));
    if (!entry) throw unknownCode(fileName, Number(code[1]));
    return fromEntry(entry, 'epsg-code', []);
  }
  if (clean.startsWith('+proj=') || clean.startsWith('+init=')) return fromProj4String(clean, fileName);

  let wkt: WktCrs;
  try {
    wkt = readWktCrs(parseWkt(clean));
  } catch (error) {
    if (!(error instanceof WktSyntaxError)) throw error;
    throw unreadable(error.offset === 0
      ? `it starts with ${JSON.stringify(clean.slice(0, 40))}, not with a WKT keyword such as PROJCS or GEOGCS`
      : `its WKT is broken: ${error.message}`);
  }
  if (wkt.kind === 'other') {
    throw unreadable(`"${wkt.name}" is not a geographic or projected coordinate system`);
  }
  return recognise(wkt, clean, fileName);
}

function recognise(wkt: WktCrs, text: string, fileName: string): ResolvedCrs {
  const warnings: string[] = [];
  const disagrees = (entry: CrsEntry) => wkt.spec !== undefined && specKey(wkt.spec) !== specKey(entry.spec);

  const byAuthority = wkt.authority?.name === 'EPSG' ? crsCatalog.get(wkt.authority.code) : undefined;
  if (byAuthority) {
    if (disagrees(byAuthority)) warnings.push(`${fileName} says ${describeCrs(byAuthority)} but its parameters differ; using EPSG:${byAuthority.epsg}`);
    return fromEntry(byAuthority, 'authority', warnings, wkt.towgs84);
  }

  const byName = findCrsByName(wkt.name);
  if (byName && !disagrees(byName)) return fromEntry(byName, 'name', warnings, wkt.towgs84);
  if (byName) warnings.push(`${fileName} is named "${wkt.name}" but its parameters differ from ${describeCrs(byName)}; using the parameters`);

  if (wkt.proj4Extension) return fromProj4String(wkt.proj4Extension, fileName, wkt.name);

  if (wkt.spec) {
    const entry = wkt.toMeter === 1 ? findCrsBySpec(wkt.spec) : undefined;
    if (entry) return fromEntry(entry, 'parameters', warnings, wkt.towgs84);
    const proj4Definition = specToProj4(wkt.spec, wkt.toMeter);
    const approximate = isApproximateEllipsoid(wkt) && !wkt.towgs84;
    const definition = wkt.towgs84 ? `${proj4Definition} +towgs84=${wkt.towgs84}` : proj4Definition;
    // an EPSG code outside the catalog (e.g. a UTM south zone) is still worth reporting
    const epsg = wkt.authority?.name === 'EPSG' ? wkt.authority.code : undefined;
    return { epsg, name: wkt.name, definition, approximate, towgs84: wkt.towgs84, recognisedBy: 'parameters', warnings };
  }

  if (roundTrips(text)) {
    return { name: wkt.name, definition: text, approximate: isApproximateEllipsoid(wkt) && !wkt.towgs84, towgs84: wkt.towgs84, recognisedBy: 'proj4js', warnings };
  }
  throw new CrsError(
    'crs.unknown',
    `${fileName}: coordinate system "${wkt.name}"${wkt.method ? ` (projection ${wkt.method})` : ''} is not one civicgrid can reproject from; ` +
      'give --srs EPSG:n for a CGCS2000, Beijing 1954 or Xian 1980 Gauss-Kruger zone, WGS 84, UTM or Web Mercator',
  );
}

function fromEntry(entry: CrsEntry, recognisedBy: ResolvedCrs['recognisedBy'], warnings: string[], towgs84?: string): ResolvedCrs {
  return {
    epsg: entry.epsg,
    name: entry.name,
    definition: towgs84 ? `${entry.proj4} +towgs84=${towgs84}` : entry.proj4,
    approximate: entry.approximate && !towgs84,
    towgs84,
    recognisedBy,
    warnings,
  };
}

function fromProj4String(definition: string, fileName: string, name?: string): ResolvedCrs {
  const entry = [...crsCatalog.values()].find((e) => e.proj4 === definition.replace(/\s+\+type=crs$/, ''));
  if (entry) return fromEntry(entry, 'proj4-string', []);
  try {
    proj4(definition, 'WGS84');
  } catch (error) {
    throw new CrsError('crs.unknown', `${fileName}: proj4 definition "${definition}" is not usable (${(error as Error).message})`);
  }
  const approximate = /\+ellps=(krass|IAU76)\b/.test(definition) && !definition.includes('+towgs84=');
  return { name: name ?? definition, definition, approximate, recognisedBy: 'proj4-string', warnings: [] };
}

function unknownCode(fileName: string, code: number): CrsError {
  return new CrsError('crs.unknown', `${fileName}: EPSG:${code} is not a coordinate system civicgrid knows`);
}

function isApproximateEllipsoid(wkt: WktCrs): boolean {
  const name = wkt.ellipsoid?.proj4Name;
  return name === 'krass' || name === 'IAU76';
}

/** proj4js read the WKT: does a point near the projection's origin survive forward and back? */
function roundTrips(wktText: string): boolean {
  try {
    const projection = new proj4.Proj(wktText) as { long0?: number; lat0?: number };
    const lon = ((projection.long0 ?? 0) * 180) / Math.PI + 0.25;
    const lat = Math.max(-80, Math.min(80, ((projection.lat0 ?? 0) * 180) / Math.PI + 0.25));
    const converter = proj4('WGS84', wktText);
    const xy = converter.forward([lon, lat]);
    const back = converter.inverse(xy);
    return xy.every(Number.isFinite) && Math.abs(back[0]! - lon) < 1e-7 && Math.abs(back[1]! - lat) < 1e-7;
  } catch {
    return false;
  }
}
