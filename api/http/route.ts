/**
 * Defines a route once: zod validation, role check, OpenAPI registration and the handler.
 * Handlers receive parsed input and return the response body (or write the response themselves).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from './zod.ts';
import type { Role } from '../users/role.ts';
import { forbidden, unauthorized, validationFailed } from './errors.ts';
import { errorSchema } from './openapi.ts';
import type { Principal } from '../auth/principal.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDefinition<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> {
  method: Method;
  /** Express path (`/api/things/:id`); converted to `{id}` for OpenAPI. */
  path: string;
  summary: string;
  tags: string[];
  query?: Q;
  body?: B;
  params?: P;
  /** A multipart/form-data body, documented only: the handler parses it (file uploads). */
  multipart?: z.ZodType;
  /** Roles allowed; omitted = public. */
  roles?: readonly Role[];
  response: { status?: number; description: string; schema?: z.ZodType; contentType?: string };
}

export interface RouteInput<Q, B, P> {
  query: Q;
  body: B;
  params: P;
  principal: Principal | undefined;
  req: Request;
  res: Response;
}

/** Registers the route on the router and in the OpenAPI registry. */
export function defineRoute<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  router: Router,
  registry: OpenAPIRegistry,
  definition: RouteDefinition<Q, B, P>,
  handler: (input: RouteInput<z.infer<Q>, z.infer<B>, z.infer<P>>) => Promise<unknown>,
): void {
  const { method, path, query, body, params, roles, response } = definition;
  const status = response.status ?? 200;
  registry.registerPath({
    method,
    path: path.replace(/:(\w+)/g, '{$1}'),
    summary: definition.summary,
    tags: definition.tags,
    ...(roles ? { security: [{ bearer: [] }], description: `Roles: ${roles.join(', ')}.` } : {}),
    request: {
      ...(query ? { query: query as never } : {}),
      ...(params ? { params: params as never } : {}),
      // a route may take JSON and a multipart form (with files) alike: both are documented
      ...(body || definition.multipart
        ? {
            body: {
              content: {
                ...(body ? { 'application/json': { schema: body } } : {}),
                ...(definition.multipart ? { 'multipart/form-data': { schema: definition.multipart } } : {}),
              },
            },
          }
        : {}),
    },
    responses: {
      [status]: {
        description: response.description,
        ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : {}),
      },
      ...(query || body || params ? { 400: errorResponse('Invalid request') } : {}),
      ...(roles ? { 401: errorResponse('Not signed in'), 403: errorResponse('Role not allowed') } : {}),
    },
  });

  router[method](path, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = req.principal;
      if (roles) {
        if (!principal) throw unauthorized();
        if (!roles.includes(principal.role)) {
          throw forbidden(`${method.toUpperCase()} ${path} needs one of the roles ${roles.join(', ')}; you are ${principal.role}`);
        }
      }
      const input = {
        query: parse(query, req.query, 'query'),
        body: parse(body, req.body, 'body'),
        params: parse(params, req.params, 'path'),
        principal,
        req,
        res,
      } as RouteInput<z.infer<Q>, z.infer<B>, z.infer<P>>;
      const result = await handler(input);
      if (!res.headersSent) res.status(status).json(result);
    } catch (error) {
      next(error);
    }
  });
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ in: where, path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  throw validationFailed(`invalid ${where}${first?.path ? ` field ${first.path}` : ''}: ${first?.message}`, issues);
}

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: errorSchema } } };
}
