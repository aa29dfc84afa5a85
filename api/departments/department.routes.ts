/** GET /api/departments. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { defineRoute } from '../http/route.ts';
import { listDepartments } from './department.repository.ts';

export const departmentSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name_zh: z.string(),
    name_en: z.string(),
    kind: z.enum(['centre', 'government', 'enterprise']),
  })
  .openapi('Department');

export function departmentRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/departments', summary: 'All departments', tags: ['departments'], response: { description: 'Departments', schema: z.array(departmentSchema) } },
    () => listDepartments(knex),
  );
  return router;
}
