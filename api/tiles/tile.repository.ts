/**
 * The SQL behind the tiles: the features of a tile's (buffered) extent, found through the GiST
 * indexes, and the counts the low-zoom aggregates roll up. Coordinates come back in degrees; the
 * tile source projects them (one code path for PGlite and PostgreSQL: no ST_AsMVT).
 *
 * The per-tile statements are named, so each connection plans them once, and return their rows as
 * arrays (no object per row): on a dense z14 tile that is a third of the query's time in Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { LonLatBounds } from './tile-address.ts';

const sqlDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const statementNames = ['component-features', 'grid-shapes', 'open-cases', 'grid-counts', 'grid-labels'] as const;
const statements = Object.fromEntries(statementNames.map((name) => [name, fs.readFileSync(path.join(sqlDir, `${name}.sql`), 'utf8')])) as Record<(typeof statementNames)[number], string>;

/** A component of a tile, as component-features.sql returns it; geometry (GeoJSON text,
 * clipped to the tile) is null for a point, which is at lon/lat. */
export type ComponentFeatureRow = [
  id: number,
  code: string,
  classCode: string,
  department: string | null,
  ownership: string,
  openCase: boolean,
  lon: number,
  lat: number,
  geometry: string | null,
];

export interface GridShapeRow {
  id: number;
  code: string;
  level: number;
  name_zh: string;
  name_en: string;
  geometry: string | null;
}

/** An unfinished case of a tile, as open-cases.sql returns it. */
export type OpenCaseRow = [id: number, number: string, state: string, caseClass: string, department: string | null, overdue: boolean, lon: number, lat: number];

export interface GridCountRow {
  grid_id: number;
  major_code: string | null;
  count: number;
  open_cases: number;
}

export interface GridLabelRow {
  id: number;
  parent_id: number | null;
  code: string;
  level: number;
  name_zh: string;
  name_en: string;
  lon: number;
  lat: number;
}

async function rows<T>(knex: Knex, name: keyof typeof statements, bindings: Record<string, unknown>): Promise<T[]> {
  const result = await knex.raw(statements[name], bindings as Knex.ValueDict);
  return result.rows as T[];
}

/** Rows as arrays, through a statement prepared once per connection. */
async function tuples<T>(knex: Knex, name: keyof typeof statements, bindings: Record<string, unknown>): Promise<T[]> {
  const result = await knex.raw(statements[name], bindings as Knex.ValueDict).options({ name: `tiles/${name}`, rowMode: 'array' });
  return result.rows as T[];
}

/** Components inside the bounds: points, and lines and polygons simplified by `tolerance` degrees and clipped. */
export function selectComponentFeatures(knex: Knex, bounds: LonLatBounds, tolerance: number): Promise<ComponentFeatureRow[]> {
  return tuples(knex, 'component-features', { ...bounds, tolerance });
}

/** Grid boundaries of levels 1…maxLevel crossing the bounds. */
export function selectGridShapes(knex: Knex, bounds: LonLatBounds, maxLevel: number, tolerance: number): Promise<GridShapeRow[]> {
  return rows(knex, 'grid-shapes', { ...bounds, maxLevel, tolerance });
}

/** Unfinished cases inside the bounds. */
export function selectOpenCases(knex: Knex, bounds: LonLatBounds): Promise<OpenCaseRow[]> {
  return tuples(knex, 'open-cases', { ...bounds });
}

/** Components per base grid and major class, and open cases per base grid. */
export function selectGridCounts(knex: Knex): Promise<GridCountRow[]> {
  return rows(knex, 'grid-counts', {});
}

/** All grids with parents and label points. */
export function selectGridLabels(knex: Knex): Promise<GridLabelRow[]> {
  return rows(knex, 'grid-labels', {});
}

/** The extent of the district grid (level 1), or null when no grid is seeded. */
export async function selectDistrictBounds(knex: Knex): Promise<LonLatBounds | null> {
  const result = await knex.raw(`select ST_XMin(e) as west, ST_YMin(e) as south, ST_XMax(e) as east, ST_YMax(e) as north
    from (select ST_Extent(geom) as e from grids where level = 1) x`);
  const row = result.rows[0] as Record<keyof LonLatBounds, number | null> | undefined;
  if (!row || row.west === null) return null;
  return { west: row.west, south: row.south!, east: row.east!, north: row.north! };
}

/** The major class codes of the component class table ('01' … '06'). */
export async function selectMajorCodes(knex: Knex): Promise<string[]> {
  return knex('component_classes').distinct('major_code').orderBy('major_code').pluck('major_code');
}
