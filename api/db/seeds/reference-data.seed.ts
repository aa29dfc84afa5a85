/**
 * Loads the reference data into the database: classes, departments, grids, responsibility rules.
 * Idempotent (upserts by code) and skipped when the files have not changed since the last seed.
 */
import type { Knex } from 'knex';
import { readReferenceData, type ReferenceData } from '../../../data/reference-data.ts';

const metaKey = 'reference_data_hash';
const gridBatchSize = 100;

/** Seeds when data/ differs from what the database was last seeded with. Returns true if it seeded. */
export async function seedReferenceData(knex: Knex, data: ReferenceData = readReferenceData()): Promise<boolean> {
  const seeded = await knex('meta').where({ key: metaKey }).first();
  if (seeded?.value === data.hash) return false;

  await knex.transaction(async (trx) => {
    await upsert(trx, 'component_classes', 'code', data.componentClasses.map((row) => ({
      code: row.sub_code,
      major_code: row.major_code,
      major_name_zh: row.major_name_zh,
      major_name_en: row.major_name_en,
      name_zh: row.sub_name_zh,
      name_en: row.sub_name_en,
      geometry_kind: row.geometry,
      notes: row.notes || null,
    })));
    await upsert(trx, 'event_classes', 'code', data.eventClasses.map((row) => ({
      code: row.sub_code,
      major_code: row.major_code,
      major_name_zh: row.major_name_zh,
      major_name_en: row.major_name_en,
      name_zh: row.sub_name_zh,
      name_en: row.sub_name_en,
      notes: row.notes || null,
    })));
    await upsert(trx, 'departments', 'code', data.departments.map(({ code, name_zh, name_en, kind, aliases }) => ({ code, name_zh, name_en, kind, aliases: JSON.stringify(aliases) })));
    await seedGrids(trx, data);
    await seedResponsibilityRules(trx, data);
    await trx('meta').insert({ key: metaKey, value: JSON.stringify(data.hash) }).onConflict('key').merge();
  });
  return true;
}

async function upsert(trx: Knex.Transaction, table: string, key: string, rows: object[]): Promise<void> {
  if (rows.length > 0) await trx(table).insert(rows).onConflict(key).merge();
}

async function seedGrids(trx: Knex.Transaction, data: ReferenceData): Promise<void> {
  const ids = new Map<string, number>(
    (await trx('grids').select('id', 'code')).map((row: { id: number; code: string }) => [row.code, row.id]),
  );
  // a level at a time, parents first, so every parent_code resolves to an id
  for (const level of [1, 2, 3, 4]) {
    const features = data.grids.filter((feature) => feature.properties.level === level);
    for (let start = 0; start < features.length; start += gridBatchSize) {
      const rows = features.slice(start, start + gridBatchSize).map(({ properties: p, geometry }) => {
        const parentId = p.parent_code === null ? null : ids.get(p.parent_code);
        if (parentId === undefined) throw new Error(`data/grids: grid ${p.code} names an unknown parent ${p.parent_code}`);
        return {
          code: p.code,
          level: p.level,
          parent_id: parentId,
          name_zh: p.name_zh,
          name_en: p.name_en,
          geom: trx.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(geometry)]),
        };
      });
      const inserted: { id: number; code: string }[] = await trx('grids').insert(rows).onConflict('code').merge().returning(['id', 'code']);
      for (const row of inserted) ids.set(row.code, row.id);
    }
  }
}

async function seedResponsibilityRules(trx: Knex.Transaction, data: ReferenceData): Promise<void> {
  const departments = new Map<string, number>(
    (await trx('departments').select('id', 'code')).map((row: { id: number; code: string }) => [row.code, row.id]),
  );
  const grids = new Map<string, number>(
    (await trx('grids').select('id', 'code')).map((row: { id: number; code: string }) => [row.code, row.id]),
  );
  const rows = data.responsibilityRules.map((rule) => {
    const departmentId = departments.get(rule.department);
    if (departmentId === undefined) throw new Error(`data/responsibility-rules.json: rule for ${rule.sub_code} names an unknown department ${rule.department}`);
    const gridId = rule.grid_code === undefined ? null : grids.get(rule.grid_code);
    if (gridId === undefined) throw new Error(`data/responsibility-rules.json: rule for ${rule.sub_code} names an unknown grid ${rule.grid_code}`);
    return { component_class_code: rule.sub_code, grid_id: gridId, department_id: departmentId, case_class: rule.case_class, note: rule.note ?? null };
  });
  // rules are wholly defined by the file: replace them
  await trx('responsibility_rules').delete();
  if (rows.length > 0) await trx('responsibility_rules').insert(rows);
}
