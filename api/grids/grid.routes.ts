/** GET /api/grids: the grid hierarchy as GeoJSON. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { notFound } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { listGridFeatures, selectDistrictOutside } from './grid.repository.ts';

export const gridLevels = {
  1: 'district (区)',
  2: 'town or street (镇/街道)',
  3: 'community grid (社区网格)',
  4: 'base grid (基础网格)',
} as const;

const gridProperties = z
  .object({
    id: z.number().int(),
    code: z.string(),
    level: z.number().int().min(1).max(4),
    parent_code: z.string().nullable(),
    name_zh: z.string(),
    name_en: z.string(),
  })
  .openapi('GridProperties');
const gridFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    properties: gridProperties,
    geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.any()) }),
  })
  .openapi('GridFeature');
const gridCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(gridFeature) }).openapi('GridCollection');
const outsideCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties: z.object({}), geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.any()) }) })),
  })
  .openapi('DistrictOutside');

const gridQuery = z.object({
  level: z.coerce.number().int().min(1).max(4).optional().describe('1 district, 2 town/street, 3 community, 4 base grid'),
  parent: z.string().regex(/^\d{6,14}$/).optional().describe('only the children of this grid code'),
});

export function gridRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/grids', summary: 'Grids as a GeoJSON FeatureCollection (EPSG:4326)', tags: ['grids'], query: gridQuery, response: { description: 'Grids', schema: gridCollection, contentType: 'application/geo+json' } },
    async ({ query, res }) => {
      const features = await listGridFeatures(knex, { level: query.level, parentCode: query.parent });
      res.type('application/geo+json').json({ type: 'FeatureCollection', features });
    },
  );
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/grids/outside',
      summary: 'The world outside the district (±85° latitude) as one MultiPolygon: the map shades it; empty before the grids are seeded',
      tags: ['grids'],
      response: { description: 'Outside the district', schema: outsideCollection, contentType: 'application/geo+json' },
    },
    async ({ res }) => {
      const geometry = await selectDistrictOutside(knex);
      res.type('application/geo+json').json({ type: 'FeatureCollection', features: geometry ? [{ type: 'Feature', properties: {}, geometry }] : [] });
    },
  );
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/grids/:code', summary: 'One grid by code', tags: ['grids'], params: z.object({ code: z.string().regex(/^\d{6,14}$/, 'a grid code is 6 to 14 digits') }), response: { description: 'The grid', schema: gridFeature, contentType: 'application/geo+json' } },
    async ({ params, res }) => {
      const [feature] = await listGridFeatures(knex, { code: params.code });
      if (!feature) throw notFound(`no grid with code ${params.code}`);
      res.type('application/geo+json').json(feature);
    },
  );
  return router;
}
