/**
 * The coordinate reference systems Chinese survey contractors deliver, keyed by EPSG code and
 * generated from the zone rules rather than typed out: CGCS2000, Beijing 1954 and Xian 1980
 * Gauss-Kruger zones (3-degree and 6-degree, with the zone number prefixed to the easting or
 * not), their geographic CRSs, WGS 84, UTM north zones 43–54, Web Mercator and World Mercator.
 *
 * Every code, name, ESRI name and proj4 string here was checked against GDAL 3.6.2 / PROJ
 * (`gdalsrsinfo`, `projinfo`); fixtures/gdal-crs-snapshot.tsv holds that output and
 * crs-catalog.test.ts compares all of it.
 */

/** An ellipsoid by semi-major axis and inverse flattening. */
export interface Ellipsoid {
  /** The proj4 `+ellps=` name, for the ellipsoids it knows by name. */
  proj4Name?: 'GRS80' | 'WGS84' | 'krass' | 'IAU76';
  a: number;
  rf: number;
}

/**
 * The ellipsoids of the catalog's datums.
 *
 * @example
 * ELLIPSOIDS.krass.a; // 6378245
 */
export const ELLIPSOIDS = {
  GRS80: { proj4Name: 'GRS80', a: 6378137, rf: 298.257222101 },
  WGS84: { proj4Name: 'WGS84', a: 6378137, rf: 298.257223563 },
  /** Krassowsky 1940 — Beijing 1954 */
  krass: { proj4Name: 'krass', a: 6378245, rf: 298.3 },
  /** IAG 1975 (proj4 calls it IAU76) — Xian 1980 */
  IAU76: { proj4Name: 'IAU76', a: 6378140, rf: 298.257 },
} as const satisfies Record<string, Ellipsoid>;

/**
 * The parameters that identify a CRS independently of its name, so a .prj with an unfamiliar
 * name can still be matched by what it says (see wkt-to-proj4.ts).
 */
export interface CrsSpec {
  method: 'longlat' | 'tmerc' | 'merc' | 'webmerc';
  ellipsoid: Ellipsoid;
  /** Central meridian, degrees. */
  lon0: number;
  lat0: number;
  k0: number;
  x0: number;
  y0: number;
}

export type DatumName = 'CGCS2000' | 'Beijing 1954' | 'Xian 1980' | 'WGS 84';

export interface CrsEntry {
  epsg: number;
  /** The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 120E". */
  name: string;
  /** The name ArcGIS writes into a .prj, e.g. "CGCS2000_3_Degree_GK_CM_120E". */
  esriName: string;
  /** Other names met in the wild (older ESRI names, proj4js aliases). */
  aliases: readonly string[];
  datum: DatumName;
  /** proj4 definition, as PROJ writes it (without `+type=crs`). */
  proj4: string;
  spec: CrsSpec;
  /**
   * True for Beijing 1954 and Xian 1980: no public transformation to WGS 84 exists, so without
   * `towgs84` they are converted with no datum shift and can be off by tens of metres.
   */
  approximate: boolean;
}

interface GkDatum {
  datum: DatumName;
  ellipsoid: Ellipsoid;
  esriPrefix: string;
  /** ArcGIS spells the 6-degree CM names of Beijing 1954 out in full ("Gauss_Kruger"). */
  esriSixDegreeCm: string;
  approximate: boolean;
  threeDegree: { prefixed: number; cm: number };
  sixDegree: { prefixed: number; cm: number };
}

const GK_DATUMS: readonly GkDatum[] = [
  {
    datum: 'CGCS2000', ellipsoid: ELLIPSOIDS.GRS80, esriPrefix: 'CGCS2000', esriSixDegreeCm: 'GK', approximate: false,
    threeDegree: { prefixed: 4513, cm: 4534 }, sixDegree: { prefixed: 4491, cm: 4502 },
  },
  {
    datum: 'Xian 1980', ellipsoid: ELLIPSOIDS.IAU76, esriPrefix: 'Xian_1980', esriSixDegreeCm: 'GK', approximate: true,
    threeDegree: { prefixed: 2349, cm: 2370 }, sixDegree: { prefixed: 2327, cm: 2338 },
  },
  {
    datum: 'Beijing 1954', ellipsoid: ELLIPSOIDS.krass, esriPrefix: 'Beijing_1954', esriSixDegreeCm: 'Gauss_Kruger', approximate: true,
    threeDegree: { prefixed: 2401, cm: 2422 }, sixDegree: { prefixed: 21413, cm: 21453 },
  },
];

/** 3-degree zones 25–45 (CM 75E–135E, CM = 3 × zone); 6-degree zones 13–23 (CM = 6 × zone − 3). */
const ZONES = {
  3: { first: 25, last: 45, centralMeridian: (zone: number) => 3 * zone },
  6: { first: 13, last: 23, centralMeridian: (zone: number) => 6 * zone - 3 },
} as const;

function tmercProj4(lon0: number, x0: number, ellipsoid: Ellipsoid): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 ${ellipsoidProj4(ellipsoid)} +units=m +no_defs`;
}

/**
 * `+ellps=GRS80`, or `+a=… +rf=…` for an ellipsoid proj4 has no name for.
 *
 * @example
 * ellipsoidProj4({ a: 6378140, rf: 298.257 }); // '+a=6378140 +rf=298.257'
 */
export function ellipsoidProj4(e: Ellipsoid): string {
  if (e.proj4Name) return `+ellps=${e.proj4Name}`;
  return e.rf === 0 ? `+a=${e.a} +b=${e.a}` : `+a=${e.a} +rf=${e.rf}`;
}

function gaussKrugerEntries(d: GkDatum): CrsEntry[] {
  const entries: CrsEntry[] = [];
  for (const width of [3, 6] as const) {
    const { first, last, centralMeridian } = ZONES[width];
    const codes = width === 3 ? d.threeDegree : d.sixDegree;
    const epsgWidth = width === 3 ? '3-degree ' : '';
    const esriWidth = width === 3 ? '3_Degree_' : '';
    for (let zone = first; zone <= last; zone++) {
      const cm = centralMeridian(zone);
      const common = { aliases: [], datum: d.datum, approximate: d.approximate };
      const prefixedX0 = zone * 1_000_000 + 500_000;
      entries.push({
        ...common,
        epsg: codes.prefixed + zone - first,
        name: `${d.datum} / ${epsgWidth}Gauss-Kruger zone ${zone}`,
        esriName: `${d.esriPrefix}_${esriWidth}GK_Zone_${zone}`,
        proj4: tmercProj4(cm, prefixedX0, d.ellipsoid),
        spec: { method: 'tmerc', ellipsoid: d.ellipsoid, lon0: cm, lat0: 0, k0: 1, x0: prefixedX0, y0: 0 },
      });
      entries.push({
        ...common,
        epsg: codes.cm + zone - first,
        name: `${d.datum} / ${epsgWidth}Gauss-Kruger CM ${cm}E`,
        esriName: `${d.esriPrefix}_${width === 3 ? '3_Degree_GK' : d.esriSixDegreeCm}_CM_${cm}E`,
        proj4: tmercProj4(cm, 500_000, d.ellipsoid),
        spec: { method: 'tmerc', ellipsoid: d.ellipsoid, lon0: cm, lat0: 0, k0: 1, x0: 500_000, y0: 0 },
      });
    }
  }
  return entries;
}

function geographic(epsg: number, name: string, esriName: string, datum: DatumName, ellipsoid: Ellipsoid, aliases: string[]): CrsEntry {
  const ellps = datum === 'WGS 84' ? '+datum=WGS84' : ellipsoidProj4(ellipsoid);
  return {
    epsg, name, esriName, aliases, datum,
    proj4: `+proj=longlat ${ellps} +no_defs`,
    spec: { method: 'longlat', ellipsoid, lon0: 0, lat0: 0, k0: 1, x0: 0, y0: 0 },
    approximate: datum === 'Beijing 1954' || datum === 'Xian 1980',
  };
}

function utmNorthEntries(): CrsEntry[] {
  const entries: CrsEntry[] = [];
  for (let zone = 43; zone <= 54; zone++) {
    entries.push({
      epsg: 32600 + zone,
      name: `WGS 84 / UTM zone ${zone}N`,
      esriName: `WGS_1984_UTM_Zone_${zone}N`,
      aliases: [],
      datum: 'WGS 84',
      proj4: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`,
      spec: { method: 'tmerc', ellipsoid: ELLIPSOIDS.WGS84, lon0: 6 * zone - 183, lat0: 0, k0: 0.9996, x0: 500_000, y0: 0 },
      approximate: false,
    });
  }
  return entries;
}

function buildCatalog(): Map<number, CrsEntry> {
  const all: CrsEntry[] = [
    geographic(4490, 'China Geodetic Coordinate System 2000', 'GCS_China_Geodetic_Coordinate_System_2000', 'CGCS2000', ELLIPSOIDS.GRS80, ['CGCS2000', 'CGCS 2000', 'GCS_CGCS_2000']),
    geographic(4214, 'Beijing 1954', 'GCS_Beijing_1954', 'Beijing 1954', ELLIPSOIDS.krass, []),
    geographic(4610, 'Xian 1980', 'GCS_Xian_1980', 'Xian 1980', ELLIPSOIDS.IAU76, []),
    geographic(4326, 'WGS 84', 'GCS_WGS_1984', 'WGS 84', ELLIPSOIDS.WGS84, ['WGS84', 'WGS_1984', 'World Geodetic System 1984']),
    ...GK_DATUMS.flatMap(gaussKrugerEntries),
    ...utmNorthEntries(),
    {
      epsg: 3857,
      name: 'WGS 84 / Pseudo-Mercator',
      esriName: 'WGS_1984_Web_Mercator_Auxiliary_Sphere',
      aliases: ['WGS_84_Pseudo_Mercator', 'WGS_1984_Web_Mercator', 'Popular Visualisation CRS / Mercator', 'Google Maps Global Mercator'],
      datum: 'WGS 84',
      proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
      spec: { method: 'webmerc', ellipsoid: ELLIPSOIDS.WGS84, lon0: 0, lat0: 0, k0: 1, x0: 0, y0: 0 },
      approximate: false,
    },
    {
      epsg: 3395,
      name: 'WGS 84 / World Mercator',
      esriName: 'WGS_1984_World_Mercator',
      aliases: ['WGS_84_World_Mercator'],
      datum: 'WGS 84',
      proj4: '+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
      spec: { method: 'merc', ellipsoid: ELLIPSOIDS.WGS84, lon0: 0, lat0: 0, k0: 1, x0: 0, y0: 0 },
      approximate: false,
    },
  ];
  return new Map(all.map((entry) => [entry.epsg, entry]));
}

/**
 * Every CRS civicgrid reprojects from, by EPSG code.
 *
 * @example
 * crsCatalog.get(4549)?.name; // 'CGCS2000 / 3-degree Gauss-Kruger CM 120E'
 */
export const crsCatalog: ReadonlyMap<number, CrsEntry> = buildCatalog();

/** Lower-case letters and digits only, so "CGCS2000 / 3-degree Gauss-Kruger CM 120E" and
 * "CGCS2000_3_Degree_GK_CM_120E" meet: "gauss kruger" is folded to "gk". */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/gauss[\s_-]*kr[uü]ger/g, 'gk').replace(/[^a-z0-9]/g, '');
}

const byName = new Map<string, CrsEntry>();
for (const entry of crsCatalog.values()) {
  for (const name of [entry.name, entry.esriName, ...entry.aliases]) byName.set(nameKey(name), entry);
}

/**
 * Finds a catalog CRS by its EPSG name, its ESRI name or a known alias, ignoring case,
 * punctuation and "Gauss-Kruger" vs "GK".
 *
 * @example
 * findCrsByName('Xian_1980_3_Degree_GK_CM_120E')?.epsg; // 2385
 */
export function findCrsByName(name: string): CrsEntry | undefined {
  return byName.get(nameKey(name));
}

/**
 * A string that two specs share exactly when they define the same transformation.
 *
 * @example
 * specKey(crsCatalog.get(4510)!.spec) === specKey(crsCatalog.get(4550)!.spec); // true: 6-degree and 3-degree CM 123E
 */
export function specKey(spec: CrsSpec): string {
  const n = (v: number, digits: number) => Number(v.toFixed(digits));
  const { method, ellipsoid: e } = spec;
  return [method, n(e.a, 3), n(e.rf, 9), n(spec.lon0, 9), n(spec.lat0, 9), n(spec.k0, 9), n(spec.x0, 3), n(spec.y0, 3)].join('|');
}

const bySpec = new Map<string, CrsEntry>();
for (const entry of crsCatalog.values()) {
  const key = specKey(entry.spec);
  // 4326 and 4490 differ only in ellipsoid; WGS 84 geographic keeps the WGS 84 key.
  if (!bySpec.has(key)) bySpec.set(key, entry);
}

/**
 * Finds the catalog CRS with exactly these parameters (method, ellipsoid, central meridian,
 * scale, false easting/northing), e.g. for a .prj with an unfamiliar name.
 *
 * @example
 * findCrsBySpec({ method: 'tmerc', ellipsoid: ELLIPSOIDS.GRS80, lon0: 120, lat0: 0, k0: 1, x0: 500000, y0: 0 })?.epsg; // 4549
 */
export function findCrsBySpec(spec: CrsSpec): CrsEntry | undefined {
  return bySpec.get(specKey(spec));
}

/**
 * A proj4 definition for any spec — the catalog's own string when the spec is a catalog CRS.
 *
 * @example
 * specToProj4({ method: 'tmerc', ellipsoid: ELLIPSOIDS.GRS80, lon0: 120.5, lat0: 0, k0: 1, x0: 500000, y0: 0 });
 * // '+proj=tmerc +lat_0=0 +lon_0=120.5 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'
 */
export function specToProj4(spec: CrsSpec, toMeter = 1): string {
  const known = toMeter === 1 ? findCrsBySpec(spec) : undefined;
  if (known) return known.proj4;
  const ellps = ellipsoidProj4(spec.ellipsoid);
  const units = toMeter === 1 ? '+units=m' : `+to_meter=${toMeter}`;
  const origin = `+x_0=${spec.x0} +y_0=${spec.y0}`;
  switch (spec.method) {
    case 'longlat':
      return `+proj=longlat ${ellps} +no_defs`;
    case 'tmerc':
      return `+proj=tmerc +lat_0=${spec.lat0} +lon_0=${spec.lon0} +k=${spec.k0} ${origin} ${ellps} ${units} +no_defs`;
    case 'merc':
      return `+proj=merc +lon_0=${spec.lon0} +k=${spec.k0} ${origin} ${ellps} ${units} +no_defs`;
    case 'webmerc':
      return `+proj=merc +a=${spec.ellipsoid.a} +b=${spec.ellipsoid.a} +lat_ts=0 +lon_0=${spec.lon0} ${origin} +k=1 ${units} +nadgrids=@null +wktext +no_defs`;
  }
}

/**
 * How messages name a catalog CRS.
 *
 * @example
 * describeCrs(crsCatalog.get(4549)!); // 'EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E'
 */
export function describeCrs(entry: Pick<CrsEntry, 'epsg' | 'name'>): string {
  return `EPSG:${entry.epsg} ${entry.name}`;
}
