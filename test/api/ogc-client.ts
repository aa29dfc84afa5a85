/**
 * What the OGC API tests share: a seeded database and app, requests, links, paging and the OGC
 * error shape. Expected counts come from SQL over the same database the app reads.
 */
import assert from 'node:assert/strict';
import { ogcExceptionSchema } from '../../api/ogc/ogc-schemas.ts';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';
export const EPSG4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
export const items = '/ogc/collections/components/items';
export const gridItems = '/ogc/collections/grids/items';

interface Linked {
  links: { rel: string; type?: string; href: string }[];
}

/** The first link with this rel (and type, when given). */
export const link = (body: Linked, rel: string, type?: string) => body.links.find((l) => l.rel === rel && (type === undefined || l.type === type));

/** A database with 1,500 demo components in a mix of ownership states, and the app over it. */
export class OgcFixture {
  private constructor(
    readonly db: TestDatabase,
    readonly app: TestApp,
    /** How many components the database holds. */
    readonly total: number,
    /** A dispatcher's token: the collections are for signed-in map users. */
    readonly token: string,
  ) {}

  static async open(): Promise<OgcFixture> {
    const db = await openTestDatabase();
    const total = await seedComponents(db.knex, 1500);
    await db.knex('components').whereRaw('id % 3 = 0').update({ ownership_status: 'confirmed' });
    await db.knex('components').whereRaw('id % 7 = 0').update({ ownership_status: 'disputed' });
    const app = await startTestApp(db);
    return new OgcFixture(db, app, total, await app.signIn('gis-dispatcher', 'dispatcher'));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.close();
  }

  get(urlPath: string, headers?: Record<string, string>): Promise<TestResponse> {
    return this.app.request('GET', urlPath, { headers, token: this.token });
  }

  /** An absolute link of ours as a path for app.request. */
  pathOf(href: string): string {
    const url = new URL(href);
    assert.equal(url.origin, this.app.url, `link ${href} points at this server`);
    return url.pathname + url.search;
  }

  /** Follows next links from `first` to the end; returns every page. */
  async walk(first: string): Promise<TestResponse[]> {
    const pages: TestResponse[] = [];
    for (let next: string | undefined = first; next; ) {
      const page = await this.get(next);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      pages.push(page);
      const href = link(page.body, 'next')?.href;
      next = href ? this.pathOf(href) : undefined;
      assert.ok(pages.length <= 100, 'paging ends');
    }
    return pages;
  }

  /** Components counted in SQL, `build` adding the where clauses (table alias c). */
  async countWhere(build: (q: ReturnType<TestDatabase['knex']>) => unknown): Promise<number> {
    const query = this.db.knex('components as c');
    build(query);
    const row = await query.count<{ count: string }[]>('* as count').first();
    return Number(row!.count);
  }
}

/** Asserts an OGC exception answer: the status, JSON {code, description}, and what it says. */
export function assertOgcError(response: TestResponse, status: number, description?: RegExp): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  ogcExceptionSchema.parse(response.body);
  assert.equal(response.body.code, status === 400 ? 'InvalidParameterValue' : 'NotFound');
  if (description) assert.match(response.body.description, description);
}
