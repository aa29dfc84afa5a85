import proj4 from 'proj4';
import { crsCatalog } from '../reproject/crs-catalog.ts';

/**
 * CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549): transverse Mercator on the CGCS2000
 * ellipsoid, central meridian 120°E, scale 1, false easting 500 000 m with no zone prefix.
 * This is what Suzhou survey contractors deliver; eastings across Wuzhong run about 515–590 km,
 * northings about 3 430–3 470 km.
 */
export const CGCS2000_GK_CM_120E_PROJ = crsCatalog.get(4549)!.proj4;

/** The ESRI WKT that ArcGIS writes into the .prj for this CRS (WKID 4549). */
export const CGCS2000_GK_CM_120E_ESRI_WKT =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",' +
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",' +
  'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
  'PROJECTION["Gauss_Kruger"],' +
  'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
  'PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/**
 * Converts between geographic CGCS2000 (≈ WGS84, lon/lat degrees) and GK CM 120E metres.
 *
 * @example
 * const [x, y] = cgcs2000GkCm120e.forward([120.6, 31.25]); // ≈ [557 153, 3 458 847]
 */
export const cgcs2000GkCm120e = proj4('EPSG:4326', CGCS2000_GK_CM_120E_PROJ);
