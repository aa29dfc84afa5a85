/** The photos table and what refers to a photo: components (components.photo) and case events (case_events.photos). */
import type { Knex } from 'knex';
import type { StoredPhoto } from './photo-store.ts';

/** A stored photo as the table keeps it. */
export interface PhotoRow {
  hash: string;
  bytes: number;
  width: number;
  height: number;
  taken_at: Date | null;
  lon: number | null;
  lat: number | null;
  original_name: string | null;
}

/** Records photos; one already recorded keeps its first row (same bytes, same photo). */
export async function insertPhotos(trx: Knex | Knex.Transaction, photos: (StoredPhoto & { originalName?: string | null })[]): Promise<void> {
  if (photos.length === 0) return;
  const rows = new Map(photos.map((p) => [p.hash, { hash: p.hash, bytes: p.bytes, width: p.width, height: p.height, taken_at: p.takenAt, lon: p.lon, lat: p.lat, original_name: p.originalName ?? null }]));
  await trx('photos').insert([...rows.values()]).onConflict('hash').ignore();
}

/** One photo's row, or undefined. */
export async function findPhoto(knex: Knex, hash: string): Promise<PhotoRow | undefined> {
  return knex('photos').where({ hash }).first();
}

/** Who a photo belongs to: whether a component shows it, and the cases whose events list it. */
export interface PhotoReferences {
  onComponent: boolean;
  cases: { department_id: number | null; reporter_department_id: number | null }[];
}

export async function findPhotoReferences(knex: Knex, hash: string): Promise<PhotoReferences> {
  const [component, cases] = await Promise.all([
    knex('components').where({ photo: hash }).first('id'),
    // jsonb containment uses the GIN index on case_events.photos
    knex('case_events as e')
      .join('cases as c', 'c.id', 'e.case_id')
      .whereRaw('e.photos @> ?::jsonb', [JSON.stringify([hash])])
      .distinct('c.department_id', 'c.reporter_department_id'),
  ]);
  return { onComponent: component !== undefined, cases };
}
