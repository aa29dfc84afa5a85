/**
 * The OpenAPI registry. Routes register here as they are defined (see route.ts), so the document
 * at /api/openapi.json is generated from the same zod schemas that validate requests.
 */
import { extendZodWithOpenApi, OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from './zod.ts';

extendZodWithOpenApi(z);

/** A registry per app, so tests can build apps side by side. */
export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return registry;
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
      request_id: z.string().optional(),
    }),
  })
  .openapi('Error');

/** The OpenAPI 3.1 document for everything registered. */
export function buildOpenApiDocument(registry: OpenAPIRegistry, version: string): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'civicgrid API',
      version,
      description: 'Component census (部件普查) and repair cases (案件) for a grid-governed district.',
    },
    servers: [{ url: '/' }],
  });
}
