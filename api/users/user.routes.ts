/** /api/users: admins list and create users. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { defineRoute } from '../http/route.ts';
import { userRecordSchema } from './user.schemas.ts';
import { listUsers } from './user.repository.ts';
import { createUser, newUserSchema } from './user.service.ts';


export function userRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/users', summary: 'All users', tags: ['users'], roles: ['admin'], response: { description: 'Users', schema: z.array(userRecordSchema) } },
    () => listUsers(knex),
  );
  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/users', summary: 'Create a user', tags: ['users'], roles: ['admin'], body: newUserSchema, response: { status: 201, description: 'Created', schema: userRecordSchema } },
    ({ body, principal, req }) =>
      createUser(knex, body, { userId: principal!.userId, username: principal!.username, role: principal!.role }, req.id as string),
  );
  return router;
}
