/**
 * The shared setup of the ownership API tests: a database seeded with demo components, the app,
 * owner users of two departments and the other roles, and helpers that read the components as the
 * database holds them.
 */
import assert from 'node:assert/strict';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** A component's ownership as the database holds it. */
export interface Snapshot {
  code: string;
  version: number;
  ownership_status: string;
  department: string | null;
}

export interface OwnershipFixture {
  db: TestDatabase;
  app: TestApp;
  /** owner users of water-affairs and power-supply */
  water: string;
  power: string;
  dispatcher: string;
  admin: string;
  inspector: string;
  contractor: string;
  /** Components now, in id order, optionally narrowed. */
  components(where?: { department?: string; status?: string; codes?: string[] }): Promise<Snapshot[]>;
  /** Every page of GET /api/ownership?<query> as `token` sees it. */
  worklist(token: string, query?: string): Promise<any[]>;
  auditCount(): Promise<number>;
  close(): Promise<void>;
}

/** The request body entries for these components at their current versions. */
export const asked = (rows: Snapshot[]) => rows.map((r) => ({ code: r.code, version: r.version }));

export async function openOwnershipFixture(count = 1000): Promise<OwnershipFixture> {
  const db = await openTestDatabase();
  await seedComponents(db.knex, count);
  const app = await startTestApp(db);
  const [water, power, dispatcher, admin, inspector, contractor] = await Promise.all([
    app.signIn('owner-water', 'owner', 'water-affairs'),
    app.signIn('owner-power', 'owner', 'power-supply'),
    app.signIn('dispatcher1', 'dispatcher', 'command-centre'),
    app.signIn('admin1', 'admin'),
    app.signIn('inspector1', 'inspector'),
    app.signIn('survey-co', 'contractor'),
  ]);
  return {
    db,
    app,
    water,
    power,
    dispatcher,
    admin,
    inspector,
    contractor,
    async components(where = {}) {
      const query = db.knex('components as c').leftJoin('departments as d', 'd.id', 'c.department_id').select('c.code', 'c.version', 'c.ownership_status', 'd.code as department').orderBy('c.id');
      if (where.department) query.where('d.code', where.department);
      if (where.status) query.where('c.ownership_status', where.status);
      if (where.codes) query.whereIn('c.code', where.codes);
      return query;
    },
    async worklist(token, query = '') {
      const features: any[] = [];
      let cursor: string | null = null;
      do {
        const response = await app.request('GET', `/api/ownership?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
        assert.equal(response.status, 200, JSON.stringify(response.body));
        features.push(...response.body.features);
        cursor = response.body.next;
      } while (cursor);
      return features;
    },
    async auditCount() {
      return Number((await db.knex('audit_log').count<{ n: number }[]>('* as n').first())!.n);
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
