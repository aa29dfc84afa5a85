/** GET /api/assessment — 考核评价 per department or grid (dispatcher, admin; an owner its own). */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { defineRoute } from '../http/route.ts';
import { assessmentQuery, assessmentReport } from './assessment.schemas.ts';
import { assess } from './assessment.service.ts';

export function assessmentRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/assessment',
      summary: 'Assessment of the cases dispatched in a period: received, on time, overdue, rework, closure, disposal hours and a composite score',
      tags: ['assessment'],
      roles: ['dispatcher', 'admin', 'owner'],
      query: assessmentQuery,
      response: { description: 'One row per department (or grid at grid_level) that received cases, best score first; an owner sees only its department', schema: assessmentReport },
    },
    ({ query, principal }) => assess(knex, principal!, query),
  );
  return router;
}
