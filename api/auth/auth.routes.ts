/** /api/auth: login (rate-limited), logout, and who am I. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Knex } from 'knex';
import { z } from '../http/zod.ts';
import { roles } from '../users/role.ts';
import { userSchema } from '../users/user.schemas.ts';
import { findPublicUser } from '../users/user.repository.ts';
import { notFound, tooManyRequests } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { login, logout, sessionLifetimeMs } from './auth.service.ts';
import { sessionCookie } from './auth.middleware.ts';
import type { SessionCache } from './session-cache.ts';

const loginRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).openapi('LoginRequest');
const loginResponse = z.object({ token: z.string(), expires_at: z.string(), user: userSchema }).openapi('LoginResponse');

export interface AuthRoutesOptions {
  /** Failed logins allowed per client and username in the window. */
  loginAttempts?: number;
  secureCookies?: boolean;
  /** The authentication middleware's cache, told about sign-outs. */
  sessions?: SessionCache;
}

export function authRoutes(knex: Knex, registry: OpenAPIRegistry, options: AuthRoutesOptions = {}): Router {
  const router = Router();
  router.use(
    '/api/auth/login',
    rateLimit({
      windowMs: 15 * 60 * 1000,
      limit: options.loginAttempts ?? 10,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}`,
      handler: (_req, _res, next) => next(tooManyRequests('too many failed logins: wait 15 minutes and try again')),
    }),
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/auth/login', summary: 'Sign in; returns a bearer token and sets an httpOnly cookie', tags: ['auth'], body: loginRequest, response: { description: 'Signed in', schema: loginResponse } },
    async ({ body, req, res }) => {
      const result = await login(knex, body.username, body.password, req.id as string);
      res.cookie(sessionCookie, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies ?? false,
        maxAge: sessionLifetimeMs,
        path: '/',
      });
      return result;
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'post', path: '/api/auth/logout', summary: 'End the current session', tags: ['auth'], roles, response: { status: 204, description: 'Signed out' } },
    async ({ principal, req, res }) => {
      await logout(knex, principal!, req.id as string);
      options.sessions?.forgetSession(principal!.sessionId);
      res.clearCookie(sessionCookie, { path: '/' });
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/auth/session', summary: 'The signed-in user, or null when signed out (what the web asks on opening)', tags: ['auth'], response: { description: 'The session', schema: z.object({ user: userSchema.nullable() }) } },
    async ({ principal }) => {
      if (!principal) return { user: null };
      const user = await findPublicUser(knex, principal.userId);
      if (!user) return { user: null };
      const { created_at: _created, ...rest } = user;
      return { user: rest };
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tags: ['auth'], roles, response: { description: 'The user', schema: userSchema } },
    async ({ principal }) => {
      const user = await findPublicUser(knex, principal!.userId);
      if (!user) throw notFound('user not found');
      const { created_at: _created, ...rest } = user;
      return rest;
    },
  );
  return router;
}
