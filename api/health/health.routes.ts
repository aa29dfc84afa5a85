/** GET /api/health: is civicgrid up, on which backend, with how much data. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import type { Backend } from '../db/database.ts';
import { defineRoute } from '../http/route.ts';
import { readDataVersion } from '../data-version/data-version.repository.ts';
import { VersionedCache } from '../data-version/versioned-cache.ts';
import { countGridsByLevel } from '../grids/grid.repository.ts';

const healthSchema = z
  .object({
    status: z.literal('ok'),
    backend: z.enum(['pglite', 'postgresql']),
    version: z.string(),
    postgis: z.string(),
    counts: z.object({
      grids: z.record(z.string(), z.number()),
      departments: z.number(),
      component_classes: z.number(),
      event_classes: z.number(),
      components: z.number(),
      cases: z.number(),
      users: z.number(),
    }),
  })
  .openapi('Health');

export function healthRoutes(knex: Knex, registry: OpenAPIRegistry, backend: Backend, version: string): Router {
  const router = Router();
  const inventoryCounts = new VersionedCache<{ components: number; cases: number }>(1);
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/health', summary: 'Service health, backend and counts', tags: ['health'], response: { description: 'Healthy', schema: healthSchema } },
    async () => {
      const count = async (table: string) => (await knex(table).count<{ count: number }>({ count: '*' }).first())?.count ?? 0;
      // counting 680,000 components is a scan: once per data version, not on every page load
      const inventory = await inventoryCounts.get(await readDataVersion(knex), 'counts', async () => ({ components: await count('components'), cases: await count('cases') }));
      const postgis = (await knex.raw(`select postgis_lib_version() as version`)).rows[0].version as string;
      return {
        status: 'ok' as const,
        backend,
        version,
        postgis,
        counts: {
          grids: await countGridsByLevel(knex),
          departments: await count('departments'),
          component_classes: await count('component_classes'),
          event_classes: await count('event_classes'),
          ...inventory,
          users: await count('users'),
        },
      };
    },
  );
  return router;
}
