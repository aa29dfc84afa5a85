/**
 * Planner statistics on the geometry type of components. Tile queries ask for points
 * (`GeometryType(geom) = 'POINT'`, through the point index) and for lines and polygons (through the
 * partial geom index) apart; without statistics on that expression PostgreSQL guesses 0.5 % and
 * 99.5 %, plans the empty shape query of a dense tile as 7,000 rows and launches parallel workers
 * and JIT for it (200 ms for no row).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create statistics components_geometry_type on (GeometryType(geom)) from components');
  await knex.raw('analyze components');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop statistics components_geometry_type');
}
