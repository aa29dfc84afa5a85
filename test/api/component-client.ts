/**
 * The shared setup of the component API tests: a database seeded with demo components (with a mix
 * of ownership statuses set in SQL), the app, one user per role, the full unfiltered listing, and
 * helpers that walk every page or ask SQL for the expected codes.
 */
import assert from 'node:assert/strict';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

export interface ComponentFixture {
  db: TestDatabase;
  app: TestApp;
  dispatcher: string;
  inspector: string;
  /** an owner user of water-affairs */
  owner: string;
  admin: string;
  contractor: string;
  total: number;
  /** Every component as the unfiltered listing gives it, by code. */
  everything: Map<string, any>;
  /** Walks every page of /api/components?<query>; returns the features in order. */
  listAll(query: string, limit?: number): Promise<any[]>;
  /** Codes (sorted) of `select … from components c join component_classes cc … <sql>`. */
  sqlCodes(sql: string, bindings?: unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

/** Sorted feature ids. */
export const codesOf = (features: any[]) => features.map((f) => f.id as string).sort();

export async function openComponentFixture(count = 2000): Promise<ComponentFixture> {
  const db = await openTestDatabase();
  const total = await seedComponents(db.knex, count);
  // a mix of ownership statuses to filter on (reads only: the ownership API has its own tests)
  await db.knex.raw(`update components set ownership_status = 'confirmed' where id % 5 = 0`);
  await db.knex.raw(`update components set ownership_status = 'disputed' where id % 13 = 0 and id % 5 <> 0`);
  const app = await startTestApp(db);
  const [dispatcher, inspector, owner, admin, contractor] = await Promise.all([
    app.signIn('dispatcher1', 'dispatcher', 'command-centre'),
    app.signIn('inspector1', 'inspector'),
    app.signIn('owner-water', 'owner', 'water-affairs'),
    app.signIn('admin1', 'admin'),
    app.signIn('survey-co', 'contractor'),
  ]);

  async function listAll(query: string, limit = 1000): Promise<any[]> {
    const features: any[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const url: string = `/api/components?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await app.request('GET', url, { token: dispatcher });
      assert.equal(response.status, 200, `${url}: ${JSON.stringify(response.body)}`);
      features.push(...response.body.features);
      cursor = response.body.next;
      if (!cursor) return features;
    }
    throw new Error('too many pages');
  }

  async function sqlCodes(sql: string, bindings: unknown[] = []): Promise<string[]> {
    const rows: { code: string }[] = (await db.knex.raw(`select c.code from components c join component_classes cc on cc.code = c.class_code ${sql}`, bindings as never)).rows;
    return rows.map((r) => r.code).sort();
  }

  const everything = new Map((await listAll('')).map((f) => [f.id as string, f]));
  return {
    db,
    app,
    dispatcher,
    inspector,
    owner,
    admin,
    contractor,
    total,
    everything,
    listAll,
    sqlCodes,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
