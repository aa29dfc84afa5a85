/**
 * SQL for where a case is: the base grid holding a point, the component a report is about (by
 * code, or the nearest of its class), and open cases nearby that may be the same problem.
 */
import type { Knex } from 'knex';
import type { CaseState } from './case-state-machine.ts';
import { openCondition } from './case.repository.ts';

/** The base grid (level 4) holding a point; on a shared edge the lowest code, as the importer does. */
export function locateBaseGrid(knex: Knex, lon: number, lat: number): Promise<{ id: number; code: string } | undefined> {
  return knex('grids')
    .select('id', 'code')
    .where('level', 4)
    .whereRaw('ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))', [lon, lat])
    .orderBy('code')
    .first();
}

export interface CaseComponent {
  id: number;
  code: string;
  class_code: string;
  grid_id: number | null;
  department_id: number | null;
  ownership_status: 'pending' | 'confirmed' | 'disputed';
  lon: number;
  lat: number;
}

function selectComponents(knex: Knex) {
  return knex('components').select(
    'id',
    knex.raw('trim(code) as code'),
    knex.raw('trim(class_code) as class_code'),
    'grid_id',
    'department_id',
    'ownership_status',
    knex.raw('ST_X(point) as lon'),
    knex.raw('ST_Y(point) as lat'),
  );
}

export function findComponentByCode(knex: Knex, code: string): Promise<CaseComponent | undefined> {
  return selectComponents(knex).where({ code }).first();
}

export function findComponentById(knex: Knex, id: number): Promise<CaseComponent | undefined> {
  return selectComponents(knex).where({ id }).first();
}

/**
 * Locks the component's row (not its key) until the transaction ends: two reports on one
 * component take turns, so the second sees the first's case and joins it.
 */
export async function lockComponent(trx: Knex.Transaction, id: number): Promise<void> {
  await trx('components').where({ id }).forNoKeyUpdate().first('id');
}

/** Degrees of longitude/latitude that surely cover `metres` around a latitude (for an index prefilter). */
function degreesAround(metres: number, lat: number): number {
  return (metres / 111_000 / Math.cos((Math.min(Math.abs(lat), 80) * Math.PI) / 180)) * 1.1;
}

/** The nearest component of a class within `metres` of a point. */
export function findNearestComponent(knex: Knex, classCode: string, lon: number, lat: number, metres: number): Promise<(CaseComponent & { distance_m: number }) | undefined> {
  const point = 'ST_SetSRID(ST_MakePoint(?, ?), 4326)';
  return selectComponents(knex)
    .select(knex.raw(`ST_Distance(point::geography, ${point}::geography) as distance_m`, [lon, lat]))
    .where({ class_code: classCode })
    .whereRaw(`point && ST_Expand(${point}, ?)`, [lon, lat, degreesAround(metres, lat)])
    .whereRaw(`ST_DWithin(point::geography, ${point}::geography, ?)`, [lon, lat, metres])
    .orderBy('distance_m')
    .first();
}

export interface NearbyCase {
  id: number;
  number: string;
  state: CaseState;
  distance_m: number;
}

/** Open cases of an event class within `metres` of a point, nearest first: possible duplicates. */
export function findNearbyOpenCases(knex: Knex, eventClassCode: string, lon: number, lat: number, metres: number, exceptId?: number): Promise<NearbyCase[]> {
  const point = 'ST_SetSRID(ST_MakePoint(?, ?), 4326)';
  const query = knex('cases as c')
    .select('c.id', 'c.number', 'c.state', knex.raw(`round(ST_Distance(c.location::geography, ${point}::geography)::numeric, 1) as distance_m`, [lon, lat]))
    .where('c.event_class_code', eventClassCode)
    .whereRaw(openCondition)
    .whereRaw(`c.location && ST_Expand(${point}, ?)`, [lon, lat, degreesAround(metres, lat)])
    .whereRaw(`ST_DWithin(c.location::geography, ${point}::geography, ?)`, [lon, lat, metres])
    .orderBy('distance_m')
    .orderBy('c.id')
    .limit(20);
  if (exceptId !== undefined) query.whereNot('c.id', exceptId);
  return query;
}
