/** GET /api/problem-types?class=&event_class= — the problem-type catalogue, for any signed-in user. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../../http/zod.ts';
import { defineRoute } from '../../http/route.ts';
import { roles } from '../../users/role.ts';
import { listProblemTypes } from './problem-type.repository.ts';

const classCode = z.string().regex(/^\d{4}$/, 'a 4-digit GB/T 30428.2 sub-class code');

export const problemTypeSchema = z
  .object({
    code: z.string().describe('`0118-01` for a component class problem, `E0401` for an event class'),
    class_code: z.string().nullable().describe('component class (部件小类), or null for an event'),
    event_class_code: z.string().nullable().describe('event class (事件小类), or null for a component problem'),
    name_zh: z.string(),
    name_en: z.string(),
    case_class: z.enum(['A', 'B', 'C']).describe('default case class: A urgent, B ordinary, C minor'),
  })
  .openapi('ProblemType');

const query = z
  .object({
    class: classCode.optional().describe('only the problems of this component class'),
    event_class: classCode.optional().describe('only the problem of this event class'),
  })
  .refine((q) => q.class === undefined || q.event_class === undefined, { message: 'give class or event_class, not both', path: ['event_class'] });

export function problemTypeRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/problem-types',
      summary: 'Problem types (问题类型) per component class and event class, with their default case class',
      tags: ['cases'],
      roles,
      query,
      response: { description: 'Problem types, component classes first, by code', schema: z.array(problemTypeSchema) },
    },
    ({ query }) => listProblemTypes(knex, { classCode: query.class, eventClassCode: query.event_class }),
  );
  return router;
}
