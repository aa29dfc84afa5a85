/**
 * /open311/v2: the GeoReport v2 facade — services.json, requests.json (GET and POST) and
 * requests/{id}.json. Requests come form-encoded (as the spec shows) or as JSON; errors are the
 * spec's JSON array of {code, description}. Clients authenticate with their api_key, not a session.
 */
import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import type { Knex } from 'knex';
import { HttpError, unauthorized, validationFailed } from '../http/errors.ts';
import { z } from '../http/zod.ts';
import { authenticateOpen311Client } from './open311-client.service.ts';
import { createServiceRequest, getServiceRequest, listServiceRequests, listServices } from './open311.service.ts';

const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

const newRequestSchema = z.object({
  api_key: z.string().min(1, 'api_key is required'),
  service_code: z.string().min(1).max(40),
  lat: z.coerce.number().min(-90).max(90),
  long: z.coerce.number().min(-180).max(180),
  description: z.string().max(4000).optional(),
  address_string: z.string().max(500).optional(),
  email: z.string().email().max(200).optional(),
});

const requestListSchema = z.object({
  service_request_id: list(z.string().max(40)).optional(),
  service_code: list(z.string().max(40)).optional(),
  start_date: z.coerce.date().optional(),
  end_date: z.coerce.date().optional(),
  status: list(z.enum(['open', 'closed'])).optional(),
});

export function open311Routes(knex: Knex): Router {
  const router = Router();
  // mounted before the app's JSON parser, so a malformed body is answered in the spec's format too
  router.use(express.json({ limit: '100kb' }), express.urlencoded({ extended: false, limit: '100kb' }));

  router.get('/services.json', async (_req, res, next) => {
    try {
      res.json(await listServices(knex));
    } catch (error) {
      next(error);
    }
  });

  router.post('/requests.json', async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.lat === undefined && body.long === undefined && body.address_string !== undefined) {
        throw validationFailed('lat and long are required: this server does not geocode address_string');
      }
      const input = parse(newRequestSchema, body);
      const client = await authenticateOpen311Client(knex, input.api_key);
      if (!client) throw unauthorized('api_key is not valid');
      const { api_key: _key, ...request } = input;
      res.status(201).json([await createServiceRequest(knex, client, request, String(req.id))]);
    } catch (error) {
      next(error);
    }
  });

  router.get('/requests.json', async (req, res, next) => {
    try {
      res.json(await listServiceRequests(knex, parse(requestListSchema, req.query)));
    } catch (error) {
      next(error);
    }
  });

  router.get('/requests/:id.json', async (req: Request<{ id: string }>, res, next) => {
    try {
      res.json([await getServiceRequest(knex, req.params.id)]);
    } catch (error) {
      next(error);
    }
  });

  router.use((req, _res, next) => next(new HttpError(404, 'not_found', `no GeoReport v2 resource ${req.method} ${req.path} (JSON only)`)));
  router.use(geoReportErrors);
  return router;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw validationFailed(`${issue.path.join('.') || 'request'}: ${issue.message}`);
}

/** Errors as GeoReport v2 has them: [{code, description}] with the HTTP status as code. */
const geoReportErrors: ErrorRequestHandler = (error, req, res, _next) => {
  const e = error as { status?: unknown; message?: string };
  // body-parser's errors carry their 4xx status
  const known = error instanceof HttpError ? error : typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? new HttpError(e.status, 'bad_request', e.message ?? 'bad request') : undefined;
  if (!known) req.log.error({ err: error }, 'unhandled error');
  const status = known?.status ?? 500;
  if (res.headersSent) return res.end();
  res.status(status).json([{ code: status, description: known?.message ?? `internal error (request ${String(req.id)})` }]);
};
