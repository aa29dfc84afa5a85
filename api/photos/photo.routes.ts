/**
 * GET /api/photos/:hash?size=thumb|display — a stored photo as WebP. The address names the content,
 * so the answer never changes: cached for a year, immutable (private: it is not for everyone).
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Knex } from 'knex';
import { defineRoute } from '../http/route.ts';
import { z } from '../http/zod.ts';
import { fetchPhoto, photoReaders } from './photo.service.ts';

const photoParams = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'a photo hash: 64 lower-case hex digits').describe('sha256 of the uploaded image') });
const photoQuery = z.object({ size: z.enum(['thumb', 'display']).default('display').describe('thumb ≈256 px, display ≈1280 px') });

export function photoRoutes(knex: Knex, registry: OpenAPIRegistry): Router {
  const router = Router();
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/photos/:hash',
      summary: 'A component or case photo (照片) as WebP, for those who may see what it belongs to',
      tags: ['photos'],
      roles: photoReaders,
      params: photoParams,
      query: photoQuery,
      response: { description: 'The image', schema: z.string().openapi({ format: 'binary' }), contentType: 'image/webp' },
    },
    async ({ params, query, principal, req, res }) => {
      const bytes = await fetchPhoto(knex, params.hash, query.size, principal!);
      const etag = `"${params.hash.slice(0, 32)}-${query.size}"`;
      res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
      res.setHeader('ETag', etag);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
      res.type('image/webp').send(bytes);
    },
  );
  return router;
}
