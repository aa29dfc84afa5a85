/**
 * The SQL behind the tiles: the features of a tile's (buffered) extent, found through the GiST
 * indexes, and the counts the low-zoom aggregates roll up. Coordinates come back in degrees; the
 * tile source projects them (one code path for PGlite and PostgreSQL: no ST_AsMVT).
 *
 * What every uncached tile asks — the data version and the tile's features — runs as named
 * statements on a connection taken from knex's pool: each connection plans them once, rows come back
 * as arrays (no object per row: a third of a dense z14 tile's query time in Node), and knex's query
 * builder, a quarter of a millisecond per statement, is left out of a path where a small tile
 * takes three.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { dataVersionSql } from '../data-version/data-version.repository.ts';
import type { LonLatBounds } from './tile-address.ts';

const sqlDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql');
const statementNames = ['tile-features', 'grid-shapes', 'grid-counts', 'grid-labels'] as const;
const statements = Object.fromEntries(statementNames.map((name) => [name, fs.readFileSync(path.join(sqlDir, `${name}.sql`), 'utf8')])) as Record<(typeof statementNames)[number], string>;

/** A component of a tile, as tile-features.sql returns it; geometry (GeoJSON text, clipped to the
 * tile) is null for a point, which is at lon/lat. */
export type ComponentFeatureRow = [
  id: number,
  code: string,
  classCode: string,
  departmentId: number | null,
  ownership: string,
  openCase: boolean,
  lon: number,
  lat: number,
  geometry: string | null,
];

/** An unfinished case of a tile, as tile-features.sql returns it. */
export type OpenCaseRow = [id: number, number: string, state: string, departmentId: number | null, caseClass: string, overdue: boolean, lon: number, lat: number];

/** A tile's features and the data version the statement's snapshot holds: they are of exactly that version. */
export interface TileFeatures {
  components: ComponentFeatureRow[];
  cases: OpenCaseRow[];
  version: number;
}

export interface GridShapeRow {
  id: number;
  code: string;
  level: number;
  name_zh: string;
  name_en: string;
  geometry: string | null;
}


export interface GridCountRow {
  grid_id: number;
  /** The sub-class; null on a row of unfinished cases. */
  class_code: string | null;
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

/** What a uncached tile's statements need of the knex client: its pool's connections (node-pg clients). */
interface PooledConnection {
  query(config: { name: string; text: string; values?: unknown[]; rowMode: 'array' }): Promise<{ rows: unknown[][] }>;
}

/** Rows as arrays from a named statement, on a connection of knex's pool. */
async function onPooledConnection<T>(knex: Knex, name: string, text: string, values: unknown[] = []): Promise<T[]> {
  const connection = (await knex.client.acquireConnection()) as PooledConnection;
  try {
    return (await connection.query({ name, text, values, rowMode: 'array' })).rows as T[];
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** The data version (migration 006), as readDataVersion reads it, on the tile path. */
export async function selectDataVersion(knex: Knex): Promise<number> {
  const [row] = await onPooledConnection<[number]>(knex, 'tiles/data-version', dataVersionSql);
  return Number(row?.[0] ?? 0);
}

/** The features of the bounds: components (points, and lines and polygons simplified by `tolerance`
 * degrees and clipped) when `components`, unfinished cases when `cases`; and the data version they
 * are of. */
export async function selectTileFeatures(knex: Knex, { west, south, east, north }: LonLatBounds, tolerance: number, layers: { components: boolean; cases: boolean }): Promise<TileFeatures> {
  // one prepared statement per combination of layers: PostgreSQL settles on a generic plan after
  // five executions alike, and a statement run with the components branch both on and off kept
  // re-planning every execution (a millisecond a tile)
  const name = `tiles/tile-features/${layers.components ? 'components' : ''}+${layers.cases ? 'cases' : ''}`;
  const [row] = await onPooledConnection<[string | null, string | null, number | string]>(knex, name, statements['tile-features'], [west, south, east, north, tolerance, layers.components, layers.cases]);
  const [components, cases, version] = row!;
  return { components: lines(components, componentRow), cases: lines(cases, caseRow), version: Number(version) };
}

/** The rows of a layer's text: a line each, fields between tabs (see tile-features.sql). */
function lines<T>(text: string | null, row: (fields: string[]) => T): T[] {
  return text ? text.split('\n').map((line) => row(line.split('\t'))) : [];
}

const idOrNull = (field: string): number | null => (field === '' ? null : Number(field));

function componentRow([id, code, classCode, department, ownership, openCase, lon, lat, geometry]: string[]): ComponentFeatureRow {
  return [Number(id), code!, classCode!, idOrNull(department!), ownership!, openCase === '1', Number(lon), Number(lat), geometry || null];
}

function caseRow([id, number, state, department, caseClass, overdue, lon, lat]: string[]): OpenCaseRow {
  return [Number(id), number!, state!, idOrNull(department!), caseClass!, overdue === '1', Number(lon), Number(lat)];
}
/** Grid boundaries of levels 1…maxLevel crossing the bounds. */
export function selectGridShapes(knex: Knex, bounds: LonLatBounds, maxLevel: number, tolerance: number): Promise<GridShapeRow[]> {
  return rows(knex, 'grid-shapes', { ...bounds, maxLevel, tolerance });
}

/** Components per base grid and class, and open cases per base grid. */
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

/** Every department's code by id (reference data: the tiles carry codes, their statement ids). */
export async function selectDepartmentCodes(knex: Knex): Promise<Map<number, string>> {
  const rows: { id: number; code: string }[] = await knex('departments').select('id', 'code');
  return new Map(rows.map((row) => [row.id, row.code]));
}

/** The major class codes of the component class table ('01' … '06'). */
export async function selectMajorCodes(knex: Knex): Promise<string[]> {
  return knex('component_classes').distinct('major_code').orderBy('major_code').pluck('major_code');
}
