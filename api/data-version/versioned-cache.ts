/**
 * A small memo whose entries hold for one data version (see api/data-version): every write to
 * components bumps the version, so an entry is never served after the data it came from changed.
 * Used for what is asked again and again between writes: OGC paging's numberMatched and extent,
 * the counts /api/health shows.
 */
export class VersionedCache<T> {
  private version: number | undefined;
  private readonly entries = new Map<string, T>();

  constructor(private readonly maxEntries = 256) {}

  /** The value for `key` at `version`, computed (and kept) when missing. */
  async get(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) return this.entries.get(key)!;
    const value = await compute();
    // a newer version may have arrived while computing: keep the value only under its own version
    if (this.version !== version) return value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}
