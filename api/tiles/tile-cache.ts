/**
 * Encoded tiles kept in memory, least recently used first out, within a byte budget. Entries are
 * keyed by the data version they were built from; when the version moves on, the older entries
 * can never be asked for again and are dropped at once.
 */

export interface CachedTile {
  /** The MVT bytes, or null for an empty tile (answered 204). */
  raw: Buffer | null;
  gzip: Buffer | null;
}

export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private bytes = 0;
  private version = -1;

  constructor(private readonly budgetBytes: number) {}

  /** The tile built from `version`, if kept; marks it recently used. */
  get(version: number, key: string): CachedTile | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Whether the tile is kept at the latest version the cache has seen (not marked as used). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Keeps a tile built from `version`; a newer version empties the cache first. */
  set(version: number, key: string, tile: CachedTile): void {
    if (version < this.version) return;
    if (version > this.version) this.clear(version);
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const size = sizeOf(tile);
    if (size > this.budgetBytes) return;
    this.entries.set(key, tile);
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.remove(oldest, entry);
    }
  }

  /** Drops everything; the next entries belong to `version`. */
  clear(version = this.version): void {
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  private remove(key: string, entry: CachedTile): void {
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }
}

function sizeOf(tile: CachedTile): number {
  // the key and bookkeeping cost something even for an empty tile
  return 64 + (tile.raw?.length ?? 0) + (tile.gzip?.length ?? 0);
}
