/** /api/open311-clients: admins register the apps and hotlines allowed to post Open311 requests. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { defineRoute } from '../http/route.ts';
import { z } from '../http/zod.ts';
import { listOpen311Clients } from './open311-client.repository.ts';
import { createOpen311Client } from './open311-client.service.ts';

const clientSchema = z
  .object({ id: z.number().int(), name: z.string(), active: z.boolean(), created_by: z.number().int().nullable(), created_at: z.string() })
  .openapi('Open311Client');

const newClientSchema = z.object({ name: z.string().trim().min(2).max(100).describe('who the key is for, e.g. 寒山闻钟 app') }).openapi('NewOpen311Client');

export function open311ClientRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  const tags = ['open311'];
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/open311-clients', summary: 'Open311 clients', tags, roles: ['admin'], response: { description: 'Clients (without keys)', schema: z.array(clientSchema) } },
    () => listOpen311Clients(knex),
  );
  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/open311-clients', summary: 'Register an Open311 client; its api_key is shown only in this response', tags, roles: ['admin'], body: newClientSchema, response: { status: 201, description: 'The client with its api_key', schema: clientSchema.extend({ api_key: z.string() }) } },
    ({ body, principal, req }) => createOpen311Client(knex, body.name, { userId: principal!.userId, username: principal!.username, role: principal!.role }, String(req.id)),
  );
  return router;
}
