/**
 * Reads what a WKT tree says about a coordinate system — its name, its authority code, its
 * TOWGS84 and, for the projections survey data use (Gauss-Kruger / Transverse Mercator,
 * Mercator, Web Mercator, geographic), its parameters as a CrsSpec. Handles ESRI WKT,
 * OGC WKT1 and WKT2 alike. Axis order is deliberately ignored: a shapefile stores easting
 * (or longitude) first whatever its CRS's axis definition says.
 */
import { ELLIPSOIDS, type CrsSpec, type Ellipsoid } from './crs-catalog.ts';
import { child, children, find, nodeName, numbers, type WktNode } from './wkt-tree.ts';

export interface WktCrs {
  name: string;
  kind: 'geographic' | 'projected' | 'other';
  /** The CRS's own authority code (not its base geographic CRS's). */
  authority?: { name: string; code: number };
  /** The projection method as written, e.g. "Gauss_Kruger", "Transverse Mercator". */
  method?: string;
  /** The parameters, when the method is one civicgrid builds itself. */
  spec?: CrsSpec;
  /** The ellipsoid, whatever the projection. */
  ellipsoid?: Ellipsoid;
  /** Length of one coordinate unit in metres (1 for metres, 0.3048 for feet). */
  toMeter: number;
  /** "dx,dy,dz[,rx,ry,rz,s]" from a TOWGS84 node, when present and not all zero. */
  towgs84?: string;
  /** A proj4 string GDAL embedded as EXTENSION["PROJ4", …]. */
  proj4Extension?: string;
}

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'];

/** Lower-case letters and digits only: "Central_Meridian" and "central meridian" meet. */
const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const PARAMETER_ROLES: Record<string, 'lon0' | 'lat0' | 'k0' | 'x0' | 'y0' | 'latTs'> = {
  centralmeridian: 'lon0', longitudeofnaturalorigin: 'lon0', longitudeofcenter: 'lon0', longitudeoforigin: 'lon0',
  latitudeoforigin: 'lat0', latitudeofnaturalorigin: 'lat0', latitudeofcenter: 'lat0',
  scalefactor: 'k0', scalefactoratnaturalorigin: 'k0',
  falseeasting: 'x0', falsenorthing: 'y0',
  standardparallel1: 'latTs', latitudeof1ststandardparallel: 'latTs',
};

const METHODS: Record<string, CrsSpec['method']> = {
  gausskruger: 'tmerc', transversemercator: 'tmerc',
  mercator: 'merc', mercator1sp: 'merc', mercatorvarianta: 'merc', mercator2sp: 'merc', mercatorvariantb: 'merc',
  mercatorauxiliarysphere: 'webmerc', popularvisualisationpseudomercator: 'webmerc',
};

const DEGREE = Math.PI / 180;

/** The single CRS inside wrappers: BOUNDCRS → SOURCECRS, COMPD_CS → its horizontal part. */
function unwrap(root: WktNode): WktNode {
  if (root.keyword === 'BOUNDCRS') {
    const source = child(root, 'SOURCECRS');
    const inner = source?.values.find((v): v is WktNode => typeof v === 'object');
    return inner ? unwrap(inner) : root;
  }
  if (root.keyword === 'COMPD_CS' || root.keyword === 'COMPOUNDCRS') {
    return children(root, ...PROJECTED, ...GEOGRAPHIC)[0] ?? root;
  }
  return root;
}

function readAuthority(node: WktNode): WktCrs['authority'] {
  const id = child(node, 'AUTHORITY', 'ID');
  const name = nodeName(id);
  const code = Number(id?.values[1]);
  return name && Number.isInteger(code) ? { name: name.toUpperCase(), code } : undefined;
}

function readEllipsoid(node: WktNode): Ellipsoid | undefined {
  const [a, rf] = numbers(find(node, 'SPHEROID', 'ELLIPSOID'));
  if (a === undefined || rf === undefined || !(a > 0) || !(rf >= 0)) return undefined;
  // match proj4's named ellipsoids exactly: WGS84 and GRS80 differ only in the 7th decimal of rf
  const named = Object.values(ELLIPSOIDS).find((e) => Math.abs(e.a - a) < 1e-3 && Math.abs(e.rf - rf) < 1e-7);
  return named ?? { a, rf };
}

function readTowgs84(node: WktNode): string | undefined {
  const values = numbers(find(node, 'TOWGS84'));
  if (values.length !== 3 && values.length !== 7) return undefined;
  return values.every((v) => v === 0) ? undefined : values.join(',');
}

/** Unit factor of a WKT2 parameter (its own LENGTHUNIT / ANGLEUNIT / SCALEUNIT), if given. */
function ownUnitFactor(parameter: WktNode): { kind: string; factor: number } | undefined {
  const unit = child(parameter, 'LENGTHUNIT', 'ANGLEUNIT', 'SCALEUNIT', 'UNIT');
  const factor = numbers(unit)[0];
  return unit && factor ? { kind: unit.keyword, factor } : undefined;
}

function readSpec(crs: WktNode, kind: WktCrs['kind'], toMeter: number): Pick<WktCrs, 'method' | 'spec'> {
  const ellipsoid = readEllipsoid(crs);
  const primeMeridian = numbers(find(crs, 'PRIMEM'))[0] ?? 0;
  if (!ellipsoid || primeMeridian !== 0) return {};
  if (kind === 'geographic') {
    return { spec: { method: 'longlat', ellipsoid, lon0: 0, lat0: 0, k0: 1, x0: 0, y0: 0 } };
  }
  const conversion = child(crs, 'CONVERSION') ?? crs;
  const method = nodeName(child(conversion, 'PROJECTION', 'METHOD'));
  const projection = method === undefined ? undefined : METHODS[key(method)];
  if (!projection) return { method };

  const p = { lon0: 0, lat0: 0, k0: 1, x0: 0, y0: 0, latTs: undefined as number | undefined };
  for (const parameter of children(conversion, 'PARAMETER')) {
    const role = PARAMETER_ROLES[key(nodeName(parameter) ?? '')];
    let value = numbers(parameter)[0];
    if (!role || value === undefined) continue;
    const unit = ownUnitFactor(parameter);
    if (role === 'x0' || role === 'y0') value *= unit ? unit.factor : toMeter; // WKT1: in the CRS's unit
    // WKT2 writes the degree as 0.0174532925199433, a hair off π/180: round the noise away
    else if (unit?.kind === 'ANGLEUNIT') value = Number(((value * unit.factor) / DEGREE).toFixed(10));
    p[role] = value;
  }
  let k0 = p.k0;
  if (projection === 'merc' && p.latTs !== undefined && p.latTs !== 0) {
    // Mercator 2SP: the scale at the equator that makes the standard parallel true to scale
    const e2 = ellipsoid.rf === 0 ? 0 : (2 - 1 / ellipsoid.rf) / ellipsoid.rf;
    const s = Math.sin(p.latTs * DEGREE);
    k0 = Math.cos(p.latTs * DEGREE) / Math.sqrt(1 - e2 * s * s);
  }
  // ESRI's older Web Mercator (102113): plain Mercator on a sphere of the WGS 84 semi-major axis
  const webMercator = projection === 'merc' && ellipsoid.rf === 0 && ellipsoid.a === ELLIPSOIDS.WGS84.a && k0 === 1;
  const spec: CrsSpec = webMercator
    ? { method: 'webmerc', ellipsoid: ELLIPSOIDS.WGS84, lon0: p.lon0, lat0: 0, k0: 1, x0: p.x0, y0: p.y0 }
    : { method: projection, ellipsoid, lon0: p.lon0, lat0: p.lat0, k0, x0: p.x0, y0: p.y0 };
  // a Mercator with a latitude of origin is not one proj4's merc can express
  return projection !== 'tmerc' && p.lat0 !== 0 ? { method } : { method, spec };
}

/**
 * Reads the coordinate system a WKT tree describes.
 *
 * @example
 * const crs = readWktCrs(parseWkt(esriPrjText));
 * crs.name; // 'CGCS2000_3_Degree_GK_CM_120E'
 * crs.spec; // { method: 'tmerc', lon0: 120, x0: 500000, k0: 1, ellipsoid: GRS80, … }
 */
export function readWktCrs(root: WktNode): WktCrs {
  const crs = unwrap(root);
  const kind: WktCrs['kind'] = PROJECTED.includes(crs.keyword)
    ? 'projected'
    : GEOGRAPHIC.includes(crs.keyword) && !isCartesian(crs) ? 'geographic' : 'other';
  // WKT1: UNIT of the PROJCS; WKT2: a LENGTHUNIT of the CRS or of its first AXIS
  const axis = child(crs, 'AXIS');
  const linearUnit = child(crs, 'UNIT', 'LENGTHUNIT') ?? (axis && child(axis, 'LENGTHUNIT'));
  const toMeter = kind === 'projected' ? (numbers(linearUnit)[0] ?? 1) : 1;
  const extension = children(crs, 'EXTENSION').find((e) => key(nodeName(e) ?? '') === 'proj4');
  const proj4Extension = typeof extension?.values[1] === 'string' ? extension.values[1] : undefined;
  return {
    name: nodeName(crs) ?? crs.keyword,
    kind,
    authority: readAuthority(crs),
    ellipsoid: readEllipsoid(crs),
    toMeter,
    towgs84: readTowgs84(crs),
    proj4Extension,
    ...(kind === 'other' ? {} : readSpec(crs, kind, toMeter)),
  };
}

/** A WKT2 GEODCRS with a Cartesian CS is geocentric, not geographic. */
function isCartesian(crs: WktNode): boolean {
  const cs = child(crs, 'CS');
  return crs.keyword === 'GEOCCS' || (typeof cs?.values[0] === 'string' && cs.values[0].toLowerCase() === 'cartesian');
}
