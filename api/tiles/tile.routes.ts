/**
 * /tiles: the components tileset as TileJSON 3.0 and Mapbox Vector Tiles, for the signed-in roles
 * that work on the map. Tiles are revalidated by ETag (the data version is in it, so a 304 costs
 * one small query) and sent gzipped when the client accepts it.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { badRequest } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { z } from '../http/zod.ts';
import { version as appVersion } from '../version.ts';
import { displayDatums, gcj02ShiftBound } from './display-datum.ts';
import { parseTileAddress, TileAddressError } from './tile-address.ts';
import { tilesetMaxZoom, vectorLayers } from './tile-layers.ts';
import type { TileService } from './tile.service.ts';

/** Who may read the tiles: everyone who works on the map (contractors see their batches only). */
export const tileReaders = ['admin', 'dispatcher', 'inspector', 'owner'] as const;

const tileParams = z.object({ z: z.string(), x: z.string(), y: z.string() });
const tileQuery = z.object({
  datum: z
    .enum(displayDatums)
    .default('wgs84')
    .openapi({ description: 'The datum features are drawn in: wgs84 (as stored), or gcj02 to lie on a GCJ-02 basemap (AutoNavi, Tencent)' }),
});
const tileJsonSchema = z.object({ tilejson: z.literal('3.0.0'), tiles: z.array(z.string()), vector_layers: z.array(z.object({ id: z.string() }).passthrough()) }).passthrough();

export function tileRoutes(tiles: TileService, registry: OpenAPIRegistry): Router {
  const router = Router();
  const tags = ['tiles'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/tiles/components.json',
      summary: 'TileJSON 3.0 of the components tileset (its tile URLs in the datum asked for)',
      tags,
      roles: tileReaders,
      query: tileQuery,
      response: { description: 'TileJSON', schema: tileJsonSchema },
    },
    async ({ query: { datum }, req, res }) => {
      const version = await tiles.version();
      // the fields come from the class table: a TileJSON request never counts the inventory
      const [district, majorCodes] = await Promise.all([tiles.districtBounds(), tiles.majorCodes()]);
      const origin = `${req.protocol}://${req.get('host')}`;
      // a GCJ-02 map asks for the tiles its shifted features fall in: the extent grows by the shift's bound
      const margin = datum === 'wgs84' ? 0 : gcj02ShiftBound;
      res.setHeader('cache-control', 'private, no-cache');
      return {
        tilejson: '3.0.0',
        name: 'civicgrid components',
        description: 'Components (部件) by GB/T 30428.2 class, grid aggregates at low zoom, unfinished cases and the grid hierarchy',
        version: appVersion,
        attribution: 'civicgrid',
        scheme: 'xyz',
        tiles: [`${origin}/tiles/components/{z}/{x}/{y}.mvt${datum === 'wgs84' ? '' : `?datum=${datum}`}`],
        minzoom: 0,
        maxzoom: tilesetMaxZoom,
        ...(district ? { bounds: [district.west - margin, district.south - margin, district.east + margin, district.north + margin], center: [(district.west + district.east) / 2, (district.south + district.north) / 2, 11] } : {}),
        data_version: version,
        vector_layers: vectorLayers(majorCodes),
      };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/tiles/components/:z/:x/:y.mvt',
      summary: 'A vector tile (MVT) of the components tileset; 204 when the tile is empty, 304 on a matching If-None-Match',
      tags,
      roles: tileReaders,
      params: tileParams,
      query: tileQuery,
      response: { description: 'application/vnd.mapbox-vector-tile', contentType: 'application/vnd.mapbox-vector-tile', schema: z.string() },
    },
    async ({ params, query, req, res }) => {
      const { datum } = query;
      let address;
      try {
        address = parseTileAddress(params.z, params.x, params.y);
      } catch (error) {
        if (error instanceof TileAddressError) throw badRequest(error.message);
        throw error;
      }
      res.setHeader('cache-control', 'private, no-cache');
      res.setHeader('vary', 'Accept-Encoding');
      const revalidating = req.headers['if-none-match'];
      let tile;
      if (revalidating) {
        // the version first: an unchanged tile costs that one small query
        const version = await tiles.version();
        const etag = tiles.etag(version, address, datum);
        res.setHeader('etag', etag);
        if (matches(revalidating, etag)) {
          res.status(304).end();
          return;
        }
        tile = await tiles.tile(address, version, datum);
      } else {
        tile = await tiles.latest(address, datum);
        res.setHeader('etag', tile.etag);
      }
      if (!tile.raw) {
        res.status(204).end();
        return;
      }
      res.setHeader('content-type', 'application/vnd.mapbox-vector-tile');
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (acceptsGzip && tile.gzip) {
        res.setHeader('content-encoding', 'gzip');
        res.status(200).end(tile.gzip);
      } else {
        res.status(200).end(tile.raw);
      }
    },
  );
  return router;
}

function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  return value.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}
