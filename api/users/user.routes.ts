/** /api/users: admins list and create users. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { defineRoute } from '../http/route.ts';
import { roles } from './role.ts';
import { listUsers } from './user.repository.ts';
import { createUser, newUserSchema } from './user.service.ts';

const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    display_name: z.string().nullable(),
    role: z.enum(roles),
    department_id: z.number().int().nullable(),
    active: z.boolean(),
    created_at: z.string(),
  })
  .openapi('UserRecord');

export function userRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/users', summary: 'All users', tags: ['users'], roles: ['admin'], response: { description: 'Users', schema: z.array(userSchema) } },
    () => listUsers(knex),
  );
  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/users', summary: 'Create a user', tags: ['users'], roles: ['admin'], body: newUserSchema, response: { status: 201, description: 'Created', schema: userSchema } },
    ({ body, principal, req }) =>
      createUser(knex, body, { userId: principal!.userId, username: principal!.username, role: principal!.role }, req.id as string),
  );
  return router;
}
