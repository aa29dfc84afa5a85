/**
 * The typed errors of the reproject stage. Each carries the rule id the survey report and the
 * reject list use; messages are sentences a contractor can act on.
 */

/**
 * Rule ids of a layer whose coordinate system cannot be settled:
 * - `crs.unreadable` — the .prj is not a coordinate system at all (HTML, binary, empty…)
 * - `crs.unknown`    — a coordinate system civicgrid cannot reproject from (or an unknown --srs)
 * - `crs.missing`    — no .prj, and no coordinates to infer one from
 * - `crs.ambiguous`  — no .prj, and several coordinate systems put the data inside the district
 * - `crs.towgs84`    — a malformed --towgs84 value
 */
export type CrsRule = 'crs.unreadable' | 'crs.unknown' | 'crs.missing' | 'crs.ambiguous' | 'crs.towgs84';

/**
 * The coordinate system of a layer cannot be settled; the whole layer is rejected.
 *
 * @example
 * throw new CrsError('crs.unreadable', '井盖.prj is not a coordinate system (it starts with "<!DOCTYPE html>")');
 */
export class CrsError extends Error {
  constructor(
    readonly rule: CrsRule,
    message: string,
    /** For `crs.ambiguous`: the EPSG codes that fit, best first. */
    readonly candidates: readonly number[] = [],
  ) {
    super(message);
    this.name = 'CrsError';
  }
}

/**
 * A geometry with a NaN or infinite coordinate, before or after projection (e.g. a point far
 * outside its Gauss-Kruger zone); the row is rejected, the layer goes on.
 *
 * @example
 * try { reprojector.project(geometry); } catch (e) { if (e instanceof NonFiniteGeometryError) reject(e.rule, e.message); }
 */
export class NonFiniteGeometryError extends Error {
  readonly rule = 'geometry.not_finite';
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteGeometryError';
  }
}
