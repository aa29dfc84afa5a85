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
import { assessmentRoutes } from './assessment/assessment.routes.ts';
import { cardRoutes } from './cards/card.routes.ts';
import { authenticate } from './auth/auth.middleware.ts';
import { requireRole } from './auth/require-role.ts';
import { SessionCache } from './auth/session-cache.ts';
import { authRoutes, type AuthRoutesOptions } from './auth/auth.routes.ts';
import { basemapOrigins, defaultBasemaps, type Basemap } from './basemaps/basemap.config.ts';
import { basemapRoutes } from './basemaps/basemap.routes.ts';
import { classRoutes } from './classes/class.routes.ts';
import { caseRoutes } from './cases/case.routes.ts';
import { problemTypeRoutes } from './cases/catalogue/problem-type.routes.ts';
import { componentRoutes } from './components/component.routes.ts';
import type { Backend } from './db/database.ts';
import { departmentRoutes } from './departments/department.routes.ts';
import { gridRoutes } from './grids/grid.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { open311ClientRoutes } from './open311/open311-client.routes.ts';
import { open311Routes } from './open311/open311.routes.ts';
import { ownershipRoutes } from './ownership/ownership.routes.ts';
import { photoRoutes } from './photos/photo.routes.ts';
import type { BatchProgressHub } from './survey-batches/batch-progress.ts';
import { surveyBatchRoutes } from './survey-batches/survey-batch.routes.ts';
import { errorHandler, notFoundHandler } from './http/error.middleware.ts';
import { buildOpenApiDocument, createRegistry } from './http/openapi.ts';
import { ogcRoutes } from './ogc/ogc.routes.ts';
import { userRoutes } from './users/user.routes.ts';
import { tileReaders, tileRoutes } from './tiles/tile.routes.ts';
import { TileService } from './tiles/tile.service.ts';
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
  /** ID cards: the public URL their QR codes open (CIVICGRID_PUBLIC_URL); else each request's origin. */
  cards?: { publicUrl?: string };
  /** The tile service (one per process: it holds the tile cache); made here when not given. */
  tiles?: TileService;
  /** The online basemaps offered (their origins join the Content-Security-Policy); default: defaultBasemaps(). */
  basemaps?: Basemap[];
}

const requestIdPattern = /^[\w.-]{1,64}$/;

export function createApp({ knex, backend, logger, webDir, auth, surveys, cards, tiles = new TileService(knex), basemaps = defaultBasemaps() }: AppOptions): Express {
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
  // the page may fetch tiles from the configured basemaps' hosts, and from nowhere else
  const basemapHosts = basemapOrigins(basemaps);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // MapLibre runs its workers from blob: URLs and draws images from data:/blob:
          'worker-src': ["'self'", 'blob:'],
          'child-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:', ...basemapHosts],
          'connect-src': ["'self'", ...basemapHosts],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // GeoReport v2 parses its own bodies (form or JSON) and answers errors in the spec's format
  app.use('/open311/v2', open311Routes(knex));
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  const sessions = new SessionCache();
  app.use(authenticate(knex, sessions));
  // first of the routes: the map asks for dozens of tiles a second
  app.use(tileRoutes(tiles, registry));

  app.use(healthRoutes(knex, registry, backend, version));
  app.use(basemapRoutes(basemaps, registry));
  app.use(authRoutes(knex, registry, { ...auth, sessions }));
  app.use(userRoutes(knex, registry));
  app.use(gridRoutes(knex, registry));
  app.use(departmentRoutes(knex, registry));
  app.use(classRoutes(knex, registry));
  app.use(problemTypeRoutes(knex, registry));
  app.use(assessmentRoutes(knex, registry));
  app.use(surveyBatchRoutes(knex, registry, { ...surveys, logger }));
  app.use(caseRoutes(knex, registry));
  app.use(open311ClientRoutes(knex, registry));
  // ID cards live under /api/components (card.png and sheets)
  app.use(cardRoutes(knex, registry, { publicUrl: cards?.publicUrl, logger }));
  app.use(componentRoutes(knex, registry));
  app.use(ownershipRoutes(knex, registry));
  app.use(photoRoutes(knex, registry));
  // the landing page, conformance and API document are open; the data is for signed-in map users
  app.use('/ogc/collections', requireRole(tileReaders));
  app.use('/ogc', ogcRoutes(knex, registry));

  const openapi = buildOpenApiDocument(registry, version);
  app.get('/api/openapi.json', (_req, res) => res.json(openapi));
  app.use('/api', notFoundHandler);

  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    // the single-page app answers every other GET
    app.get(/^\/(?!(?:api|tiles|ogc|open311)(?:\/|$)).*/, (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
