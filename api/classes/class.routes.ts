/** GET /api/classes?kind=component|event. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { defineRoute } from '../http/route.ts';
import { listComponentClasses, listEventClasses } from './class.repository.ts';

const baseClass = {
  code: z.string().regex(/^\d{4}$/),
  major_code: z.string(),
  major_name_zh: z.string(),
  major_name_en: z.string(),
  name_zh: z.string(),
  name_en: z.string(),
};
const componentClass = z
  .object({
    ...baseClass,
    kind: z.literal('component'),
    geometry_kind: z.enum(['point', 'line', 'polygon']),
    default_department: z.string().nullable(),
    default_case_class: z.enum(['A', 'B', 'C']).nullable(),
  })
  .openapi('ComponentClass');
const eventClass = z.object({ ...baseClass, kind: z.literal('event') }).openapi('EventClass');

export function classRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/classes',
      summary: 'GB/T 30428.2 component and event classes',
      tags: ['classes'],
      query: z.object({ kind: z.enum(['component', 'event']).optional().describe('omit for both') }),
      response: { description: 'Classes', schema: z.array(z.union([componentClass, eventClass])) },
    },
    async ({ query }) => {
      const components = query.kind === 'event' ? [] : (await listComponentClasses(knex)).map((c) => ({ ...c, kind: 'component' as const }));
      const events = query.kind === 'component' ? [] : (await listEventClasses(knex)).map((c) => ({ ...c, kind: 'event' as const }));
      return [...components, ...events];
    },
  );
  return router;
}
