/**
 * The catalog of OGC feature collections — `components` (部件) and `grids` (网格) — and the rules
 * between a parsed request and the repositories: paging, numberMatched, extents.
 */
import type { Knex } from 'knex';
import { readDataVersion } from '../data-version/data-version.repository.ts';
import { componentExtent, countComponentFeatures, findComponentFeature, listComponentFeatures } from './ogc-component.repository.ts';
import type { LonLatBbox, OgcCrs } from './ogc-crs.ts';
import { encodeCursor } from './ogc-cursor.ts';
import { countGridFeatures, findGridFeature, gridExtent, listGridFeatures } from './ogc-grid.repository.ts';
import { parseComponentItemsQuery, parseGridItemsQuery, type ComponentItemsRequest, type ItemsRequest } from './ogc-query.ts';
import { VersionedCache } from '../data-version/versioned-cache.ts';

/** What a collection's metadata says about its extent (CRS84). */
export interface CollectionExtent {
  bbox?: LonLatBbox;
  /** First and last update, ISO 8601. */
  interval?: [string, string];
}

/** One page of an items request. */
export interface ItemsPage {
  request: ItemsRequest;
  features: { id: string }[];
  numberMatched: number;
  /** The cursor of the following page, when there is one. */
  nextCursor?: string;
}

/** A feature collection the API serves. */
export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  extent(): Promise<CollectionExtent>;
  /** Parses the query (400 when invalid) and reads one page. */
  items(query: unknown): Promise<ItemsPage>;
  /** One feature by its id, or undefined. */
  item(featureId: string, crs: OgcCrs): Promise<{ id: string } | undefined>;
}

/** The collections, by id, in the order /ogc/collections lists them. */
export function createOgcCollections(knex: Knex): Map<string, OgcCollection> {
  // the extent needs a scan and numberMatched a count, the same on every page of a walk: once per data version
  const extents = new VersionedCache<CollectionExtent>(1);
  const counts = new VersionedCache<number>();

  const components: OgcCollection = {
    id: 'components',
    title: 'Components (部件)',
    description:
      'Surveyed urban components (GB/T 30428.2: manhole covers, street lamps, cameras …), one feature per component; ' +
      'the id is the 16-digit component code (部件标识码) and the geometry is its representative point. ' +
      'Filters: class (sub-class or major class code), department (owner code), ownership (pending, confirmed, disputed); datetime matches updated_at.',
    async extent() {
      return extents.get(await readDataVersion(knex), 'extent', async () => {
        const found = await componentExtent(knex);
        // no components yet: the district still bounds where they will be
        return found ? { bbox: found.bbox, interval: [found.firstUpdate, found.lastUpdate] } : { bbox: await gridExtent(knex) };
      });
    },
    async items(query) {
      const request = parseComponentItemsQuery(query);
      const page = { limit: request.limit, afterId: request.afterId, latFirst: request.crs.latFirst };
      const count = async () => counts.get(await readDataVersion(knex), filterKey(request), () => countComponentFeatures(knex, request));
      const [found, numberMatched] = await Promise.all([listComponentFeatures(knex, request, page), count()]);
      return { request, features: found.features, numberMatched, nextCursor: found.more && found.lastId ? encodeCursor(found.lastId) : undefined };
    },
    item: (code, crs) => (/^\d{16}$/.test(code) ? findComponentFeature(knex, code, crs.latFirst) : Promise.resolve(undefined)),
  };

  const grids: OgcCollection = {
    id: 'grids',
    title: 'Grids (网格)',
    description:
      'The grid-governance hierarchy: the district (level 1, 区), towns and streets (2, 镇/街道), communities (3, 社区) and base grids (4, 基础网格), ' +
      'full MultiPolygon outlines; the id is the grid code. Filters: level, parent (grid code); zoom simplifies outlines for display. ' +
      'Grids carry no time, so datetime matches every grid.',
    async extent() {
      return { bbox: await gridExtent(knex) };
    },
    async items(query) {
      const request = parseGridItemsQuery(query);
      const page = {
        limit: request.limit,
        afterId: request.afterId,
        latFirst: request.crs.latFirst,
        // about one pixel of a 256-pixel tile at that zoom
        tolerance: request.zoom === undefined ? undefined : 360 / (256 * 2 ** request.zoom),
      };
      const [found, numberMatched] = await Promise.all([listGridFeatures(knex, request, page), countGridFeatures(knex, request)]);
      return { request, features: found.features, numberMatched, nextCursor: found.more && found.lastId ? encodeCursor(found.lastId) : undefined };
    },
    item: (code, crs) => (/^\d{6,14}$/.test(code) ? findGridFeature(knex, code, crs.latFirst) : Promise.resolve(undefined)),
  };

  return new Map([components, grids].map((collection) => [collection.id, collection]));
}

/** What decides numberMatched: the filters, not the page, CRS or format. */
function filterKey({ bbox, datetime, classCode, majorCode, departmentCode, ownership }: ComponentItemsRequest): string {
  return JSON.stringify([bbox, datetime?.start, datetime?.end, classCode, majorCode, departmentCode, ownership]);
}
