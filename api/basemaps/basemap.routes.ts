/** GET /api/basemaps: the online basemaps this server lets users put under the map. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { defineRoute } from '../http/route.ts';
import { z } from '../http/zod.ts';
import { basemapSchema, type Basemap } from './basemap.config.ts';

const basemapsSchema = z.object({ basemaps: z.array(basemapSchema) }).openapi('Basemaps');

export function basemapRoutes(basemaps: Basemap[], registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/basemaps',
      summary: 'The online basemaps users may choose; the default map is offline and needs none',
      tags: ['map'],
      response: { description: 'Basemaps (an empty list when none is configured)', schema: basemapsSchema },
    },
    async () => ({ basemaps }),
  );
  return router;
}
