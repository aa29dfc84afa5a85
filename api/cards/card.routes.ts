/**
 * /api/components/:code/card.png and /api/components/cards: component ID cards (部件身份证), one
 * as a PNG or many as A4 sheets (PDF). Readable by the roles that read components.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { componentCodeParams } from '../components/component.schemas.ts';
import { componentReaders } from '../components/component.routes.ts';
import { defineRoute } from '../http/route.ts';
import { z } from '../http/zod.ts';
import { ensureCjkFont } from './card-renderer.ts';
import { cardSheetBody } from './card.schemas.ts';
import { componentCardEtag, renderCardSheet, renderComponentCard, type SheetRequest } from './card.service.ts';

export interface CardRoutesOptions {
  /** What QR codes open (CIVICGRID_PUBLIC_URL); the request's origin when unset. */
  publicUrl?: string;
  logger: Logger;
}

export function cardRoutes(knex: Knex, registry: OpenAPIRegistry, { publicUrl, logger }: CardRoutesOptions): Router {
  const router = Router();
  const tags = ['components'];
  // a missing CJK font is a deployment problem: say so once, at start-up
  void ensureCjkFont(logger);
  const baseUrl = (req: Request) => publicUrl ?? `${req.protocol}://${req.get('host')}`;

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/components/:code/card.png',
      summary: 'The component ID card (部件身份证): 85.6 × 54 mm at 300 dpi, with a QR code that opens it on the map',
      tags,
      roles: componentReaders,
      params: componentCodeParams,
      response: { description: 'A 1011 × 638 PNG (300 dpi). ETag follows the component version; answers 304 to a matching If-None-Match.', schema: z.string().openapi({ format: 'binary' }), contentType: 'image/png' },
    },
    async ({ params, req, res }) => {
      const base = baseUrl(req);
      const etag = await componentCardEtag(knex, params.code, base);
      res.set({ ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Authorization, Cookie' });
      // a matching If-None-Match: the card has not changed, so nothing is drawn
      if (matchesEtag(req.get('if-none-match'), etag)) {
        res.status(304).end();
        return;
      }
      const card = await renderComponentCard(knex, params.code, base);
      res.set({ ETag: card.etag, 'Content-Disposition': `inline; filename="card-${params.code}.png"` }).type('image/png').send(card.png);
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/components/cards',
      summary: 'ID cards on A4 sheets (PDF, 2 × 5 per page at true size, with crop marks) for a list of codes or a whole grid',
      tags,
      roles: componentReaders,
      body: cardSheetBody,
      response: { description: 'A PDF attachment. 400 for neither/both codes and grid or too many cards; 404 for unknown codes or grid; 429 while another sheet run is in progress (one at a time).', schema: z.string().openapi({ format: 'binary' }), contentType: 'application/pdf' },
    },
    async ({ body, req, res }) => {
      const sheet = await renderCardSheet(knex, body as SheetRequest, baseUrl(req));
      const file = `civicgrid-cards-${sheet.label.replace(/[^\w-]+/g, '-')}.pdf`;
      res
        .set({ 'Content-Disposition': `attachment; filename="${file}"`, 'Cache-Control': 'private, no-store', 'X-Card-Count': String(sheet.cards) })
        .type('application/pdf')
        .send(Buffer.from(sheet.pdf.buffer, sheet.pdf.byteOffset, sheet.pdf.byteLength));
    },
  );
  return router;
}

/**
 * Whether an If-None-Match header names this ETag (weak comparison). Checked here rather than with
 * express's req.fresh, which ignores the header when the request also says Cache-Control: no-cache
 * — as fetch() does whenever it sends If-None-Match itself.
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}
