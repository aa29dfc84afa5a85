/**
 * /api/cases: report (or join) a case, list and read cases, and move them along the loop with
 * POST /api/cases/:id/transitions.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { defineRoute } from '../http/route.ts';
import { casePhotoForm, storeCasePhotos } from '../photos/case-photo-upload.ts';
import { caseActorOf } from './case-actor.ts';
import { caseDetailSchema, caseIdParams, caseListQuery, casePageSchema, casePhotoFormSchema, newCaseSchema, reportResultSchema, transitionSchema } from './case.schemas.ts';
import { getCase, listCases, reportCase } from './case.service.ts';
import { transitionCase } from './case-transition.service.ts';

const readers = ['inspector', 'dispatcher', 'owner', 'admin'] as const;
const reporters = ['inspector', 'dispatcher', 'owner'] as const;
const actors = ['inspector', 'dispatcher', 'owner'] as const;

export function caseRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  const tags = ['cases'];
  // photos come as multipart/form-data; JSON requests pass straight through
  router.post('/api/cases', casePhotoForm(reporters));
  router.post('/api/cases/:id/transitions', casePhotoForm(actors));

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/cases', summary: "Report a problem (采集上报): opens a case, or joins the component's open case (200, joined: true)", tags, roles: reporters, body: newCaseSchema, multipart: casePhotoFormSchema, response: { status: 201, description: 'The new case, or the joined one', schema: reportResultSchema } },
    async ({ body, principal, req, res }) => {
      const photos = await storeCasePhotos(req);
      const result = await reportCase(knex, body, caseActorOf(principal!), { requestId: String(req.id), photos });
      res
        .status(result.joined ? 200 : 201)
        .location(`/api/cases/${result.case.id}`)
        .json({ ...result.case, joined: result.joined, possible_duplicates: result.possible_duplicates });
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/cases', summary: "Cases, newest first (an owner sees its department's)", tags, roles: readers, query: caseListQuery, response: { description: 'A page of cases', schema: casePageSchema } },
    ({ query, principal }) => listCases(knex, query, caseActorOf(principal!)),
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/cases/:id', summary: 'A case with its events, the suggested department and your next actions', tags, roles: readers, params: caseIdParams, response: { description: 'The case', schema: caseDetailSchema } },
    ({ params, principal }) => getCase(knex, params.id, caseActorOf(principal!)),
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/cases/:id/transitions', summary: 'Move a case along the loop (409 with the allowed actions when illegal, or when the version is stale)', tags, roles: actors, params: caseIdParams, body: transitionSchema, multipart: casePhotoFormSchema, response: { description: 'The case after the transition', schema: caseDetailSchema } },
    async ({ params, body, principal, req }) => transitionCase(knex, params.id, body, caseActorOf(principal!), { requestId: String(req.id), photos: await storeCasePhotos(req) }),
  );
  return router;
}
