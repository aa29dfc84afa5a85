/**
 * /api/ownership: an owner department's worklist and bulk confirm / dispute (确权), the centre's
 * dispute queue and decisions, an admin's bulk reassignment, and per-department progress.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { defineRoute } from '../http/route.ts';
import { componentPage } from '../components/component.schemas.ts';
import { disputeIdParams, disputePage, disputeQuery, disputeView, ownershipRequest, ownershipResult, progressQuery, progressReport, reassignmentRequest, reassignmentResult, resolutionBody, worklistQuery } from './ownership.schemas.ts';
import { reassignOwners } from './ownership-reassignment.service.ts';
import { listDisputes, resolveDispute } from './ownership-dispute.service.ts';
import { actOnOwnership, listWorklist, ownershipProgress } from './ownership.service.ts';

const readers = ['owner', 'dispatcher', 'admin'] as const;
const centre = ['dispatcher', 'admin'] as const;

export function ownershipRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  const tags = ['ownership'];

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/ownership', summary: 'A department\'s components in one ownership status (default pending), cursor-paged', tags, roles: readers, query: worklistQuery, response: { description: 'An owner sees its own department; dispatcher/admin any (department=) or all', schema: componentPage, contentType: 'application/geo+json' } },
    async ({ query, principal, res }) => {
      res.type('application/geo+json').json(await listWorklist(knex, principal!, query));
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/ownership', summary: 'Confirm or dispute components in bulk, all or nothing (owner department, its own components only)', tags, roles: ['owner'], body: ownershipRequest, response: { description: 'The new statuses and versions; 403 names codes of other departments, 409 lists stale versions', schema: ownershipResult } },
    ({ body, principal, req }) => actOnOwnership(knex, principal!, body, String(req.id)),
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/ownership/progress', summary: 'Confirmed / pending / disputed counts and percentages per department', tags, roles: readers, query: progressQuery, response: { description: 'An owner sees its own department; dispatcher/admin all or one', schema: progressReport } },
    ({ query, principal }) => ownershipProgress(knex, principal!, query.department),
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/ownership/disputes', summary: 'Ownership disputes, oldest first (state=open: the centre\'s queue)', tags, roles: readers, query: disputeQuery, response: { description: 'Disputes; an owner sees those its department raised', schema: disputePage } },
    ({ query, principal }) => listDisputes(knex, principal!, query),
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/ownership/disputes/:id/resolve', summary: 'Decide a dispute: reassign (pending for the new owner) or uphold (confirmed for the disputing owner)', tags, roles: centre, params: disputeIdParams, body: resolutionBody, response: { description: 'The decided dispute; 409 when it is decided already or the component version is stale', schema: disputeView } },
    ({ params, body, principal, req }) => resolveDispute(knex, principal!, params.id, body, String(req.id)),
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/ownership/reassign', summary: 'Move components to another owner department in bulk, all or nothing (admin): pending for the new owner, open disputes closed as reassigned', tags, roles: ['admin'], body: reassignmentRequest, response: { description: 'The moved components with their new versions and those the department owned already; 404 names unknown codes, 409 stale versions', schema: reassignmentResult } },
    ({ body, principal, req }) => reassignOwners(knex, principal!, body, String(req.id)),
  );
  return router;
}
