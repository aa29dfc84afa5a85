/**
 * /api/components: filtered cursor pages as GeoJSON, the nearby pick-list, streamed exports and
 * the component card.
 *
 * Who may read: admin, dispatcher, inspector and owner. Owners see every department's components,
 * not only their own — the map and the nearby pick-list need the whole street — while their
 * ownership worklist (/api/ownership) is their department's. Contractors get 403: they see their
 * own survey batches, not the inventory.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { defineRoute } from '../http/route.ts';
import { filterOf } from './component-filter.ts';
import { writeComponentExport } from './component-export.ts';
import { componentCodeParams, componentDetail, componentListQuery, componentPage, exportQuery, nearbyCollection, nearbyQuery } from './component.schemas.ts';
import { resolveFilter, getComponent, listComponents, nearbyComponents } from './component.service.ts';

/** Roles that may read the inventory. */
export const componentReaders = ['admin', 'dispatcher', 'inspector', 'owner'] as const;

const readRule = 'Readable by admin, dispatcher, inspector and owner (owners see every department: the map needs them); contractors get 403.';

export function componentRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  const tags = ['components'];

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/components', summary: 'Components as GeoJSON, filtered and cursor-paged (keyset on id)', tags, roles: componentReaders, query: componentListQuery, response: { description: `A page of components. ${readRule}`, schema: componentPage, contentType: 'application/geo+json' } },
    async ({ query, res }) => {
      const page = await listComponents(knex, filterOf(query), query);
      res.type('application/geo+json').json(page);
    },
  );

  // before /:code, which would refuse these names as malformed codes
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/components/nearby', summary: 'Components near a point, nearest first (the map click pick-list)', tags, roles: componentReaders, query: nearbyQuery, response: { description: `Candidates with distance_m (metres). ${readRule}`, schema: nearbyCollection, contentType: 'application/geo+json' } },
    async ({ query, res }) => {
      const collection = await nearbyComponents(knex, { lon: query.lon, lat: query.lat }, query.radius, query.limit);
      res.type('application/geo+json').json(collection);
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/components/export', summary: 'Every filtered component, streamed as GeoJSON or CSV (UTF-8 with BOM, lon/lat columns)', tags, roles: componentReaders, query: exportQuery, response: { description: `An attachment. ${readRule}`, schema: z.string(), contentType: 'text/csv' } },
    async ({ query, res }) => {
      const filter = await resolveFilter(knex, filterOf(query));
      await writeComponentExport(knex, filter, query.format, res);
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/components/:code', summary: 'A component card: class, owner, ownership, grid path, attributes, batch, history, open cases', tags, roles: componentReaders, params: componentCodeParams, response: { description: `The component. ${readRule}`, schema: componentDetail } },
    ({ params }) => getComponent(knex, params.code),
  );
  return router;
}
