/**
 * The OGC API in OpenAPI: its paths are registered in the app's document (/api/openapi.json,
 * OpenAPI 3.1) and in a document of their own at /ogc/api (OpenAPI 3.0, the version the oas30
 * conformance class and QGIS ask for). QGIS reads `components.parameters.limit` for the page size
 * and the form-style string parameters of each /collections/{id}/items for its filters.
 */
import { OpenApiGeneratorV3, OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from '../http/zod.ts';
import { geoJsonType, jsonType, openApi30Type } from './ogc-documents.ts';
import { componentItemsQuerySchema, defaultLimit, documentQuerySchema, gridItemsQuerySchema, itemQuerySchema, maxLimit } from './ogc-query.ts';
import {
  ogcCollectionSchema,
  ogcCollectionsSchema,
  ogcComponentCollectionSchema,
  ogcComponentFeatureSchema,
  ogcConformanceSchema,
  ogcExceptionSchema,
  ogcGridCollectionSchema,
  ogcGridFeatureSchema,
  ogcLandingPageSchema,
} from './ogc-schemas.ts';

const tags = ['OGC API – Features'];
const contentCrs = { 'Content-Crs': { description: 'The CRS of the coordinates, as <URI>.', schema: { type: 'string' as const } } };
const errors = {
  400: { description: 'Invalid or unknown query parameter', content: { [jsonType]: { schema: ogcExceptionSchema } } },
  404: { description: 'No such collection or feature', content: { [jsonType]: { schema: ogcExceptionSchema } } },
  500: { description: 'Server error', content: { [jsonType]: { schema: ogcExceptionSchema } } },
};
const json = (schema: z.ZodType) => ({ [jsonType]: { schema } });
const geoJson = (schema: z.ZodType) => ({ [geoJsonType]: { schema }, [jsonType]: { schema } });

/**
 * Registers the /ogc paths. `prefix` is prepended to each path ('/ogc' in the app's document, ''
 * in the OGC document whose server URL is /ogc). With `limitComponent`, items paths refer to a
 * shared `limit` parameter in components.parameters, where QGIS looks for it.
 */
export function registerOgcPaths(registry: OpenAPIRegistry, { prefix, limitComponent = false }: { prefix: string; limitComponent?: boolean }): void {
  const get = (path: string, summary: string, config: Omit<RouteConfig, 'method' | 'path' | 'summary' | 'tags'>) =>
    registry.registerPath({ method: 'get', path: `${prefix}${path}` || '/', summary, tags, ...config });

  if (limitComponent) {
    registry.registerComponent('parameters', 'limit', {
      name: 'limit',
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      description: `Features per page (1–${maxLimit}, default ${defaultLimit}).`,
      schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit },
    });
  }
  const itemsQuery = (schema: z.ZodObject, withoutLimit: z.ZodObject) =>
    limitComponent ? { parameters: [{ $ref: '#/components/parameters/limit' }], request: { query: withoutLimit } } : { request: { query: schema } };

  get('', 'Landing page', { request: { query: documentQuerySchema }, responses: { 200: { description: 'Links to the API definition, conformance and collections', content: json(ogcLandingPageSchema) }, ...errors } });
  get('/api', 'This API definition (OpenAPI 3.0)', { request: { query: documentQuerySchema }, responses: { 200: { description: 'The OpenAPI 3.0 document of /ogc', content: { [openApi30Type]: { schema: z.object({ openapi: z.string() }) } } } } });
  get('/conformance', 'Conformance classes implemented', { request: { query: documentQuerySchema }, responses: { 200: { description: 'Conformance declaration', content: json(ogcConformanceSchema) }, ...errors } });
  get('/collections', 'The feature collections', { request: { query: documentQuerySchema }, responses: { 200: { description: 'Collections', content: json(ogcCollectionsSchema) }, ...errors } });

  const collections = [
    { id: 'components', title: 'components (部件)', query: componentItemsQuerySchema, queryWithoutLimit: componentItemsQuerySchema.omit({ limit: true }), page: ogcComponentCollectionSchema, feature: ogcComponentFeatureSchema, idHint: 'the 16-digit component code' },
    { id: 'grids', title: 'grids (网格)', query: gridItemsQuerySchema, queryWithoutLimit: gridItemsQuerySchema.omit({ limit: true }), page: ogcGridCollectionSchema, feature: ogcGridFeatureSchema, idHint: 'the grid code' },
  ] as const;
  for (const c of collections) {
    get(`/collections/${c.id}`, `The ${c.title} collection`, { request: { query: documentQuerySchema }, responses: { 200: { description: 'Collection metadata', content: json(ogcCollectionSchema) }, ...errors } });
    get(`/collections/${c.id}/items`, `Features of ${c.title}`, {
      ...itemsQuery(c.query, c.queryWithoutLimit),
      responses: { 200: { description: 'A page of features; follow the next link for more', headers: contentCrs, content: geoJson(c.page) }, ...errors },
    });
    get(`/collections/${c.id}/items/{featureId}`, `One feature of ${c.title}`, {
      request: { params: z.object({ featureId: z.string().openapi({ description: c.idHint }) }), query: itemQuerySchema },
      responses: { 200: { description: 'The feature', headers: contentCrs, content: geoJson(c.feature) }, ...errors },
    });
  }
}

/** The OpenAPI 3.0 document of the OGC API alone, served at /ogc/api. */
export function buildOgcOpenApiDocument(version: string): object {
  const registry = new OpenAPIRegistry();
  registerOgcPaths(registry, { prefix: '', limitComponent: true });
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'civicgrid OGC API – Features',
      version,
      description: 'Components (部件) and grids (网格) as OGC API – Features (Part 1 core, GeoJSON, OpenAPI 3.0; Part 2 CRS by reference).',
      contact: { name: 'civicgrid' },
    },
    servers: [{ url: '/ogc' }],
  });
}
