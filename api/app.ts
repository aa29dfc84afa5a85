/**
 * The express application: middleware in order (request id + logging, security headers, body
 * parsing, authentication), the API routes, the OpenAPI document, the web bundle, then errors.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth/auth.middleware.ts';
import { authRoutes, type AuthRoutesOptions } from './auth/auth.routes.ts';
import { classRoutes } from './classes/class.routes.ts';
import type { Backend } from './db/database.ts';
import { departmentRoutes } from './departments/department.routes.ts';
import { gridRoutes } from './grids/grid.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import type { BatchProgressHub } from './survey-batches/batch-progress.ts';
import { surveyBatchRoutes } from './survey-batches/survey-batch.routes.ts';
import { errorHandler, notFoundHandler } from './http/error.middleware.ts';
import { buildOpenApiDocument, createRegistry } from './http/openapi.ts';
import { userRoutes } from './users/user.routes.ts';
import { version } from './version.ts';

export interface AppOptions {
  knex: Knex;
  backend: Backend;
  logger: Logger;
  /** The built web bundle (web/dist); not served when absent. */
  webDir?: string;
  auth?: AuthRoutesOptions;
  /** Where uploads land and how large they may be. */
  surveys: { uploadsDir: string; uploadLimitBytes: number; hub: BatchProgressHub };
}

const requestIdPattern = /^[\w.-]{1,64}$/;

export function createApp({ knex, backend, logger, webDir, auth, surveys }: AppOptions): Express {
  const app = express();
  const registry = createRegistry();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // MapLibre runs its workers from blob: URLs and draws images from data:/blob:
          'worker-src': ["'self'", 'blob:'],
          'child-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use(authenticate(knex));

  app.use(healthRoutes(knex, registry, backend, version));
  app.use(authRoutes(knex, registry, auth));
  app.use(userRoutes(knex, registry));
  app.use(gridRoutes(knex, registry));
  app.use(departmentRoutes(knex, registry));
  app.use(classRoutes(knex, registry));
  app.use(surveyBatchRoutes(knex, registry, { ...surveys, logger }));

  const openapi = buildOpenApiDocument(registry, version);
  app.get('/api/openapi.json', (_req, res) => res.json(openapi));
  app.use('/api', notFoundHandler);

  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    // the single-page app answers every other GET
    app.get(/^\/(?!api\/|tiles\/|ogc\/|open311\/).*/, (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
