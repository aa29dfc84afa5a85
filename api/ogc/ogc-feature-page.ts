/** Keyset pages of features, shared by the collections' repositories. */

/** Which page, and the axis order of its coordinates. */
export interface FeaturePageRequest {
  limit: number;
  /** Internal id of the last feature of the previous page (from the cursor). */
  afterId?: string;
  latFirst: boolean;
}

/** A page of features and the internal id of its last one (for the next cursor). */
export interface FeaturePage<F> {
  features: F[];
  lastId?: string;
  /** Whether a feature follows the page. */
  more: boolean;
}

/** Cuts the `limit + 1` rows a page query fetched into the page and whether more follow. */
export function toFeaturePage<R extends { id: string | number }, F>(rows: R[], limit: number, toFeature: (row: R) => F): FeaturePage<F> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { features: kept.map(toFeature), lastId: last === undefined ? undefined : String(last.id), more };
}
