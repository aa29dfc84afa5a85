/**
 * Staging point rows with COPY … FROM STDIN, on a PostgreSQL server. PostgreSQL then parses plain
 * text columns and hex EWKB points instead of unpacking one JSON document per chunk.
 * PGlite's wire protocol has no COPY FROM STDIN: there `stageRows` keeps its JSON statement, and
 * so it does on a server for rows whose geometry is not a point.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { StagedRow } from './survey-loader.ts';

const copyStatement = `copy survey_staged (batch_id, layer, row_number, class_code, source_code, geom, point, attributes, grid_id, department_id, photo) from stdin`;

const copyAvailable = new WeakMap<Knex, Promise<boolean>>();

/** Whether the database behind `knex` takes COPY FROM STDIN: a PostgreSQL server does, PGlite does not. */
export function canCopyFromStdin(knex: Knex): Promise<boolean> {
  let available = copyAvailable.get(knex);
  if (!available) {
    available = knex.raw('select version() as version').then(({ rows }) => !String(rows[0].version).includes('PGlite'));
    copyAvailable.set(knex, available);
  }
  return available;
}

/** Whether `row` can go through `copyStagedPoints`: the JSON statement stages a point as its x/y too. */
export function isPointRow(row: StagedRow): boolean {
  return row.geometry.type === 'Point';
}

/**
 * Stages point rows in one COPY. As the JSON statement does, geom and point are both the 2D point
 * made of the row's x/y (a Z ordinate is not kept).
 */
export async function copyStagedPoints(knex: Knex, batchId: number, rows: StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = copyLine(batchId, rows[i]!);
  // a transaction's client hands out the transaction's own connection, so the COPY joins it
  const connection = (await knex.client.acquireConnection()) as pg.Client;
  try {
    await pipeline(Readable.from([lines.join('')]), connection.query(copyFrom(copyStatement)));
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

function copyLine(batchId: number, r: StagedRow): string {
  const point = pointEwkb(r.point[0]!, r.point[1]!);
  return `${batchId}\t${copyText(r.layer)}\t${r.row}\t${copyText(r.classCode)}\t${nullable(r.sourceCode)}\t${point}\t${point}\t${copyJson(r.attributes)}\t${nullable(r.gridId)}\t${nullable(r.departmentId)}\t${nullable(r.photo)}\n`;
}

/** COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => copyEscapes[c]!) : text;
}

/** A JSON document as COPY text: JSON.stringify writes no raw tab or line break, so only backslashes need doubling (and testing for one is far cheaper than the full pattern on long text). */
function copyJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}

const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function nullable(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '\\N' : typeof value === 'number' ? String(value) : copyText(value);
}

// little-endian EWKB of a 2D point in SRID 4326: byte order, type (point | SRID flag), SRID, x, y
const ewkb = Buffer.alloc(25);
ewkb.writeUInt8(1, 0);
ewkb.writeUInt32LE(0x20000001, 1);
ewkb.writeUInt32LE(4326, 5);

/** The point as hex EWKB, which PostGIS reads exactly (no decimal round trip). */
export function pointEwkb(x: number, y: number): string {
  ewkb.writeDoubleLE(x, 9);
  ewkb.writeDoubleLE(y, 17);
  return ewkb.toString('hex');
}
