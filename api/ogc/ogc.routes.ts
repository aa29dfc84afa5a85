/**
 * OGC API – Features under /ogc, so GIS clients (QGIS "Add OGC API – Features layer", GDAL's
 * OAPIF driver) read components and grids: landing page, conformance, collections, items with
 * bbox/limit/paging/filters, single items, CRS84 by default and EPSG:4490/4326 on request.
 * Mounted at /ogc; not an /api route, so it validates and answers errors in OGC style itself.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { notFound } from '../http/errors.ts';
import { version } from '../version.ts';
import { createOgcCollections, type OgcCollection } from './ogc-collections.ts';
import { contentCrsHeader, crs84 } from './ogc-crs.ts';
import {
  collectionDocument,
  collectionsDocument,
  conformanceDeclaration,
  featureCollectionDocument,
  featureDocument,
  geoJsonType,
  jsonType,
  landingPage,
  openApi30Type,
  type ApiLocation,
} from './ogc-documents.ts';
import { ogcErrorHandler, ogcNotFound } from './ogc-errors.ts';
import { buildOgcOpenApiDocument, registerOgcPaths } from './ogc-openapi.ts';
import { documentQuerySchema, itemQuerySchema, parseQuery } from './ogc-query.ts';

/** The OGC API router, to mount at /ogc; registers its paths in the app's OpenAPI registry. */
export function ogcRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  const collections = createOgcCollections(knex);
  registerOgcPaths(registry, { prefix: '/ogc' });
  const apiDocument = buildOgcOpenApiDocument(version);

  router.get('/', (req, res) => {
    parseQuery(documentQuerySchema, req.query);
    res.json(landingPage(locate(req)));
  });
  router.get('/api', (req, res) => {
    parseQuery(documentQuerySchema, req.query);
    res.type(openApi30Type).send(JSON.stringify(apiDocument));
  });
  router.get('/conformance', (req, res) => {
    parseQuery(documentQuerySchema, req.query);
    res.json(conformanceDeclaration());
  });
  router.get('/collections', async (req, res) => {
    parseQuery(documentQuerySchema, req.query);
    const location = locate(req);
    const documents = await Promise.all([...collections.values()].map(async (c) => collectionDocument(location, c, await c.extent())));
    res.json(collectionsDocument(location, documents));
  });
  router.get('/collections/:collectionId', async (req, res) => {
    parseQuery(documentQuerySchema, req.query);
    const collection = find(collections, req.params.collectionId);
    res.json(collectionDocument(locate(req), collection, await collection.extent()));
  });
  router.get('/collections/:collectionId/items', async (req, res) => {
    const collection = find(collections, req.params.collectionId);
    const page = await collection.items(req.query);
    const type = featureType(req, page.request.format);
    const location = locate(req);
    const self = new URL(req.originalUrl, location.origin);
    res.type(type).set('Content-Crs', contentCrsHeader(page.request.crs)).send(JSON.stringify(featureCollectionDocument(location, collection.id, self, page, type)));
  });
  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    const collection = find(collections, req.params.collectionId);
    const query = parseQuery(itemQuerySchema, req.query);
    const crs = query.crs ?? crs84;
    const feature = await collection.item(req.params.featureId, crs);
    if (!feature) throw notFound(`no feature ${req.params.featureId} in ${collection.id}`);
    const type = featureType(req, query.f);
    res.type(type).set('Content-Crs', contentCrsHeader(crs)).send(JSON.stringify(featureDocument(locate(req), collection.id, feature, type)));
  });

  router.use(ogcNotFound);
  router.use(ogcErrorHandler);
  return router;
}

function find(collections: Map<string, OgcCollection>, id: string): OgcCollection {
  const collection = collections.get(id);
  if (!collection) throw notFound(`no collection ${id}; the collections are ${[...collections.keys()].join(', ')}`);
  return collection;
}

/** Absolute links: clients such as QGIS follow them as given. */
function locate(req: Request): ApiLocation {
  const origin = `${req.protocol}://${req.get('host')}`;
  return { origin, base: `${origin}${req.baseUrl}` };
}

/** GeoJSON unless the client asked for plain JSON (f=json, or Accept preferring application/json). */
function featureType(req: Request, format: 'json' | 'geojson' | undefined): string {
  if (format === 'json') return jsonType;
  if (format === 'geojson') return geoJsonType;
  return req.accepts([geoJsonType, jsonType]) || geoJsonType;
}
