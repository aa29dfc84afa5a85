/**
 * Serves the components tileset: the data version decides freshness (every committed write to
 * components or cases moves it), tiles are built once per version and kept in the cache, requests
 * for a tile being built wait for that build instead of starting another, and the grid aggregates
 * are rebuilt once per version.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Knex } from 'knex';
import { readDataVersion } from '../data-version/data-version.repository.ts';
import { buildComponentTile } from './component-tile.source.ts';
import { GridAggregates } from './grid-aggregates.ts';
import { boundsIntersect, tileBounds, tileBuffer, type LonLatBounds, type TileAddress } from './tile-address.ts';
import { TileCache, type CachedTile } from './tile-cache.ts';
import { selectDistrictBounds, selectGridCounts, selectGridLabels, type GridLabelRow } from './tile.repository.ts';

const gzip = promisify(zlib.gzip);

export interface ServedTile extends CachedTile {
  version: number;
  etag: string;
}

export interface TileServiceOptions {
  /** Memory for encoded tiles; default 128 MB. */
  cacheBytes?: number;
}

interface GridFacts {
  rows: GridLabelRow[];
  /** The label points, without counts. */
  labels: GridAggregates;
  district: LonLatBounds | null;
}

export class TileService {
  readonly cache: TileCache;
  private readonly building = new Map<string, Promise<CachedTile>>();
  private gridFacts: Promise<GridFacts> | undefined;
  private aggregates: { version: number; value: Promise<GridAggregates> } | undefined;

  constructor(
    private readonly knex: Knex,
    options: TileServiceOptions = {},
  ) {
    this.cache = new TileCache(options.cacheBytes ?? 128 * 1024 * 1024);
  }

  /** The current data version. */
  version(): Promise<number> {
    return readDataVersion(this.knex);
  }

  /** The entity tag a tile has at a version. */
  etag(version: number, { z, x, y }: TileAddress): string {
    return `"${version}-${z}-${x}-${y}"`;
  }

  /** The tile at the given data version: from the cache, from a build under way, or built now. */
  async tile(address: TileAddress, version: number): Promise<ServedTile> {
    const key = `${address.z}/${address.x}/${address.y}`;
    const etag = this.etag(version, address);
    const cached = this.cache.get(version, key);
    if (cached) return { ...cached, version, etag };
    const buildKey = `${version}:${key}`;
    let build = this.building.get(buildKey);
    if (!build) {
      build = this.build(address, version).finally(() => this.building.delete(buildKey));
      this.building.set(buildKey, build);
    }
    const built = await build;
    this.cache.set(version, key, built);
    return { ...built, version, etag };
  }

  /** Grid aggregates for a data version, built once per version. */
  gridAggregates(version: number): Promise<GridAggregates> {
    if (this.aggregates && this.aggregates.version >= version) return this.aggregates.value;
    const value = (async () => {
      const { rows } = await this.facts();
      return GridAggregates.build(rows, await selectGridCounts(this.knex));
    })();
    // a failed build must not stick
    value.catch(() => {
      if (this.aggregates?.value === value) this.aggregates = undefined;
    });
    this.aggregates = { version, value };
    return value;
  }

  /** The district's extent (null before the grids are seeded). */
  async districtBounds(): Promise<LonLatBounds | null> {
    return (await this.facts()).district;
  }

  /** Forgets every built tile and aggregate (benchmarks measure uncached builds with it). */
  reset(): void {
    this.cache.clear();
    this.aggregates = undefined;
  }

  private async build(address: TileAddress, version: number): Promise<CachedTile> {
    const district = await this.districtBounds();
    // nothing lies outside the district: answer without asking the database
    if (!district || !boundsIntersect(district, tileBounds(address, tileBuffer))) return { raw: null, gzip: null };
    const { labels } = await this.facts();
    const bytes = await buildComponentTile(this.knex, address, { labels, aggregates: () => this.gridAggregates(version) });
    if (!bytes) return { raw: null, gzip: null };
    const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { raw, gzip: await gzip(raw) };
  }

  private facts(): Promise<GridFacts> {
    if (!this.gridFacts) {
      const facts = Promise.all([selectGridLabels(this.knex), selectDistrictBounds(this.knex)]).then(([rows, district]) => ({ rows, labels: GridAggregates.build(rows, []), district }));
      // before the grids are seeded there is nothing to keep: ask again next time
      facts.then(
        ({ district }) => {
          if (!district && this.gridFacts === facts) this.gridFacts = undefined;
        },
        () => {
          if (this.gridFacts === facts) this.gridFacts = undefined;
        },
      );
      this.gridFacts = facts;
    }
    return this.gridFacts;
  }
}
