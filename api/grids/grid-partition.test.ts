/**
 * Database test: PostGIS proves that the seeded grids form the "1+14+205+942" hierarchy and that
 * each level exactly partitions its parent — no gaps, no overlaps, every child inside its parent.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';

let db: TestDatabase;
before(async () => {
  db = await openTestDatabase();
});
after(() => db.close());

const rows = async <T>(sql: string): Promise<T[]> => (await db.knex.raw(sql)).rows as T[];

test('the hierarchy is 1 district + 14 towns/streets + 205 communities + 942 base grids', async () => {
  const counts = await rows<{ level: number; count: number }>('select level, count(*)::int as count from grids group by level order by level');
  assert.deepEqual(counts, [
    { level: 1, count: 1 },
    { level: 2, count: 14 },
    { level: 3, count: 205 },
    { level: 4, count: 942 },
  ]);
  const badParents = await rows('select c.code from grids c join grids p on p.id = c.parent_id where p.level <> c.level - 1');
  assert.deepEqual(badParents, [], 'each parent is exactly one level up');
  const childless = await rows('select p.code from grids p where p.level < 4 and not exists (select 1 from grids c where c.parent_id = p.id)');
  assert.deepEqual(childless, [], 'every district, town and community has children');
});

test('every grid is a valid, non-empty polygon in EPSG:4326', async () => {
  const invalid = await rows(`select code, ST_IsValidReason(geom) from grids where not ST_IsValid(geom) or ST_IsEmpty(geom) or ST_SRID(geom) <> 4326`);
  assert.deepEqual(invalid, []);
});

test('every child lies inside its parent', async () => {
  const outside = await rows('select c.code from grids c join grids p on p.id = c.parent_id where not ST_CoveredBy(c.geom, p.geom)');
  assert.deepEqual(outside, []);
});

test('no two grids of one level overlap (their interiors never share an area)', async () => {
  const overlapping = await rows(`
    select a.code, b.code from grids a join grids b
      on a.level = b.level and a.id < b.id and a.geom && b.geom
    where ST_Relate(a.geom, b.geom, '2********')`);
  assert.deepEqual(overlapping, []);
});

test('the children of each grid cover it without gaps: union equals parent, areas add up', async () => {
  const mismatches = await rows<{ code: string; gap_m2: number; parent_m2: number; children_m2: number }>(`
    with children as (
      select parent_id, ST_Union(geom) as geom, sum(ST_Area(geom::geography)) as area
      from grids where parent_id is not null group by parent_id
    )
    select p.code,
           ST_Area(ST_SymDifference(p.geom, c.geom)::geography) as gap_m2,
           ST_Area(p.geom::geography) as parent_m2,
           c.area as children_m2
    from grids p join children c on c.parent_id = p.id`);
  assert.equal(mismatches.length, 1 + 14 + 205);
  for (const m of mismatches) {
    // identical shared vertices make the union exact; allow only floating-point dust (< 1 m²)
    assert.ok(m.gap_m2 < 1, `grid ${m.code}: union of children differs from it by ${m.gap_m2} m²`);
    assert.ok(Math.abs(m.parent_m2 - m.children_m2) < 1, `grid ${m.code}: children's areas add to ${m.children_m2} m², the grid is ${m.parent_m2} m²`);
  }
});

test('base grids are real places: the district spans plausible Wuzhong land area and location', async () => {
  const [district] = await rows<{ km2: number; lon: number; lat: number }>(`
    select ST_Area(geom::geography) / 1e6 as km2, ST_X(ST_Centroid(geom)) as lon, ST_Y(ST_Centroid(geom)) as lat
    from grids where level = 1`);
  assert.ok(district!.km2 > 500 && district!.km2 < 1500, `district area ${district!.km2} km²`);
  assert.ok(district!.lon > 120.2 && district!.lon < 121, `centroid longitude ${district!.lon}`);
  assert.ok(district!.lat > 30.9 && district!.lat < 31.4, `centroid latitude ${district!.lat}`);
});
