/**
 * The SQL behind the tiles: the features of a tile's (buffered) extent, found through the GiST
 * indexes, and the counts the low-zoom aggregates roll up. Coordinates come back in degrees; the
 * tile source projects them (one code path for PGlite and PostgreSQL: no ST_AsMVT).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { LonLatBounds } from './tile-address.ts';

const sqlDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const statementNames = ['component-points', 'component-shapes', 'grid-shapes', 'open-cases', 'grid-counts', 'grid-labels'] as const;
const statements = Object.fromEntries(statementNames.map((name) => [name, fs.readFileSync(path.join(sqlDir, `${name}.sql`), 'utf8')])) as Record<(typeof statementNames)[number], string>;

/** What every component feature carries. */
export interface ComponentTileRow {
  id: string | number;
  code: string;
  class_code: string;
  department: string | null;
  ownership_status: string;
  open_case: boolean;
}

export interface PointRow extends ComponentTileRow {
  lon: number;
  lat: number;
}

export interface ShapeRow extends ComponentTileRow {
  /** GeoJSON geometry text, clipped to the tile. */
  geometry: string | null;
}

export interface GridShapeRow {
  id: number;
  code: string;
  level: number;
  name_zh: string;
  name_en: string;
  geometry: string | null;
}

export interface OpenCaseRow {
  id: string | number;
  number: string;
  state: string;
  case_class: string;
  department: string | null;
  overdue: boolean;
  lon: number;
  lat: number;
}

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

/** Point components inside the bounds. */
export function selectComponentPoints(knex: Knex, bounds: LonLatBounds): Promise<PointRow[]> {
  return rows(knex, 'component-points', { ...bounds });
}

/** Line and polygon components crossing the bounds, simplified by `tolerance` degrees and clipped. */
export function selectComponentShapes(knex: Knex, bounds: LonLatBounds, tolerance: number): Promise<ShapeRow[]> {
  return rows(knex, 'component-shapes', { ...bounds, tolerance });
}

/** Grid boundaries of levels 1…maxLevel crossing the bounds. */
export function selectGridShapes(knex: Knex, bounds: LonLatBounds, maxLevel: number, tolerance: number): Promise<GridShapeRow[]> {
  return rows(knex, 'grid-shapes', { ...bounds, maxLevel, tolerance });
}

/** Unfinished cases inside the bounds. */
export function selectOpenCases(knex: Knex, bounds: LonLatBounds): Promise<OpenCaseRow[]> {
  return rows(knex, 'open-cases', { ...bounds });
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
