/**
 * Serves the components tileset: the data version decides freshness (every committed write to
 * components or cases moves it), tiles are built once per version and kept in the cache, requests
 * for a tile being built wait for that build instead of starting another, and the grid aggregates
 * are rebuilt once per version.
 *
 * A tile not built yet costs one statement: the features come with the data version their snapshot
 * holds, so there is no separate read of the version first (see latest()).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Knex } from 'knex';
import { buildComponentTile, selectTileGridShapes, type BuiltTile } from './component-tile.source.ts';
import { tileFrame, type DisplayDatum, type TileFrame } from './display-datum.ts';
import { GridAggregates } from './grid-aggregates.ts';
import { boundsIntersect, type LonLatBounds, type TileAddress } from './tile-address.ts';
import { TileCache, type CachedTile } from './tile-cache.ts';
import { componentMinZoom } from './tile-layers.ts';
import { selectDataVersion, selectDepartmentCodes, selectDistrictBounds, selectGridCounts, selectGridLabels, selectMajorCodes, type GridLabelRow, type GridShapeRow } from './tile.repository.ts';

const gzip = promisify(zlib.gzip);
/** Dynamic tiles: level 1 compresses a dense tile 3.7× faster than the default level 6 for 7 % more bytes. */
const gzipOptions = { level: 1 };
/** Below this a tile is compressed in line (tens of microseconds): the thread pool's round trip would cost more. */
const inlineGzipBytes = 32 * 1024;
/** Tiles whose grid boundaries are kept (they change only when the grids are reseeded, with a restart). */
const gridShapeTiles = 2000;

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
  /** Builds under way whose version their statement will tell, by tile. */
  private readonly buildingLatest = new Map<string, Promise<ServedTile>>();
  private gridFacts: Promise<GridFacts> | undefined;
  private aggregates: { version: number; value: Promise<GridAggregates> } | undefined;
  private readonly gridShapes = new Map<string, Promise<GridShapeRow[]>>();
  private majors: Promise<string[]> | undefined;
  private departmentCodes: Promise<Map<number, string>> | undefined;

  constructor(
    private readonly knex: Knex,
    options: TileServiceOptions = {},
  ) {
    this.cache = new TileCache(options.cacheBytes ?? 128 * 1024 * 1024);
  }

  /** The current data version. */
  version(): Promise<number> {
    return selectDataVersion(this.knex);
  }

  /** The entity tag a tile has at a version. */
  etag(version: number, { z, x, y }: TileAddress, datum: DisplayDatum = 'wgs84'): string {
    return datum === 'wgs84' ? `"${version}-${z}-${x}-${y}"` : `"${version}-${z}-${x}-${y}-${datum}"`;
  }

  /** The tile at the given data version, in the display datum: from the cache, from a build under
   * way, or built now. */
  async tile(address: TileAddress, version: number, datum: DisplayDatum = 'wgs84'): Promise<ServedTile> {
    const key = tileKey(address, datum);
    const etag = this.etag(version, address, datum);
    const cached = this.cache.get(version, key);
    if (cached) return { ...cached, version, etag };
    const buildKey = `${version}:${key}`;
    let build = this.building.get(buildKey);
    if (!build) {
      build = this.build(address, datum, version).then(({ tile }) => tile).finally(() => this.building.delete(buildKey));
      this.building.set(buildKey, build);
    }
    const built = await build;
    this.cache.set(version, key, built);
    return { ...built, version, etag };
  }

  /**
   * The tile as the database holds it now (a request with no ETag to revalidate). A tile kept from
   * the last version seen is probably current: the version is read and the cache asked. Otherwise,
   * at the zooms whose statement reads the components, the build's one statement also tells the
   * version its features are of. A request finding such a build under way reads the version and
   * takes the build's tile only if that is the build's version: then nothing changed between the
   * build's snapshot and the request's arrival.
   */
  async latest(address: TileAddress, datum: DisplayDatum = 'wgs84'): Promise<ServedTile> {
    const key = tileKey(address, datum);
    if (address.z < componentMinZoom || this.cache.has(key)) return this.tile(address, await this.version(), datum);
    const underway = this.buildingLatest.get(key);
    if (underway) {
      const [version, built] = await Promise.all([this.version(), underway]);
      return built.version === version ? built : this.tile(address, version, datum);
    }
    const build = this.buildLatest(address, datum).finally(() => this.buildingLatest.delete(key));
    this.buildingLatest.set(key, build);
    return build;
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

  /** The major class codes the aggregate layer can count (reference data, read once). */
  majorCodes(): Promise<string[]> {
    this.majors ??= selectMajorCodes(this.knex).catch((error: unknown) => {
      this.majors = undefined;
      throw error;
    });
    return this.majors;
  }

  /** The district's extent (null before the grids are seeded). */
  async districtBounds(): Promise<LonLatBounds | null> {
    return (await this.facts()).district;
  }

  /** Prepares, at start-up, what the first tiles would otherwise wait for: the grid labels and the
   * district's extent, the counts the low-zoom aggregates roll up (a scan of every component: half a
   * second at 680,000), the department codes and the major classes. */
  async warm(): Promise<void> {
    const version = await this.version();
    await Promise.all([this.facts(), this.gridAggregates(version), this.majorCodes(), this.departments(new Set())]);
  }

  /** Forgets every built tile and aggregate, as a new data version does (benchmarks measure
   * uncached builds with it); grid boundaries, reference data, stay. */
  reset(): void {
    this.cache.clear();
    this.aggregates = undefined;
  }

  private async buildLatest(address: TileAddress, datum: DisplayDatum): Promise<ServedTile> {
    const built = await this.build(address, datum);
    const version = built.version ?? (await this.version());
    this.cache.set(version, tileKey(address, datum), built.tile);
    return { ...built.tile, version, etag: this.etag(version, address, datum) };
  }

  /** Builds a tile; `version`, when known, is the one low-zoom aggregates are counted at (without
   * it, the tile must be one whose statement reads the components, and tells its version). */
  private async build(address: TileAddress, datum: DisplayDatum, version?: number): Promise<{ tile: CachedTile; version: BuiltTile['version'] }> {
    const district = await this.districtBounds();
    const frame = tileFrame(address, datum);
    // nothing lies outside the district: answer without asking the database
    if (!district || !boundsIntersect(district, frame.select)) return { tile: { raw: null, gzip: null }, version: null };
    const { labels } = await this.facts();
    const built = await buildComponentTile(this.knex, address, frame, {
      labels,
      aggregates: () => (version === undefined ? Promise.reject(new Error(`tile ${tileKey(address, datum)}: aggregates need a data version`)) : this.gridAggregates(version)),
      boundaries: () => this.boundaries(address, datum, frame),
      departments: (ids) => this.departments(ids),
    });
    if (!built.bytes) return { tile: { raw: null, gzip: null }, version: built.version };
    const raw = Buffer.from(built.bytes.buffer, built.bytes.byteOffset, built.bytes.byteLength);
    const compressed = raw.length < inlineGzipBytes ? zlib.gzipSync(raw, gzipOptions) : await gzip(raw, gzipOptions);
    return { tile: { raw, gzip: compressed }, version: built.version };
  }

  /** Department codes by id: reference data, read again when a tile names a department not known yet. */
  private async departments(ids: Set<number>): Promise<Map<number, string>> {
    const codes = await (this.departmentCodes ??= this.readDepartments());
    for (const id of ids) if (!codes.has(id)) return (this.departmentCodes = this.readDepartments());
    return codes;
  }

  private readDepartments(): Promise<Map<number, string>> {
    const codes = selectDepartmentCodes(this.knex);
    // a failed read must not stick
    codes.catch(() => {
      if (this.departmentCodes === codes) this.departmentCodes = undefined;
    });
    return codes;
  }

  /** A tile's grid boundaries, kept across data versions (least recently used out). */
  private boundaries(tile: TileAddress, datum: DisplayDatum, frame: TileFrame): Promise<GridShapeRow[]> {
    const key = tileKey(tile, datum);
    let shapes = this.gridShapes.get(key);
    if (shapes) {
      this.gridShapes.delete(key);
    } else {
      shapes = selectTileGridShapes(this.knex, tile, frame);
      shapes.catch(() => this.gridShapes.delete(key));
      if (this.gridShapes.size >= gridShapeTiles) this.gridShapes.delete(this.gridShapes.keys().next().value!);
    }
    this.gridShapes.set(key, shapes);
    return shapes;
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

/** A tile's key in the caches: WGS84 tiles by their address alone. */
function tileKey({ z, x, y }: TileAddress, datum: DisplayDatum = 'wgs84'): string {
  return datum === 'wgs84' ? `${z}/${x}/${y}` : `${datum}:${z}/${x}/${y}`;
}
