/**
 * The datum the map draws in. Everything civicgrid stores and its api speaks is WGS84; over a
 * GCJ-02 basemap (AutoNavi, Tencent) the map draws GCJ-02 instead, so its features sit on that
 * basemap's streets. What goes onto the map is shifted with toDisplay; what comes off it (a click,
 * a drawn box, the view's extent) goes back with fromDisplay before it is sent to the api.
 *
 * @example
 *   const shift = displayShift('gcj02');
 *   map.flyTo({ center: shift.toDisplay(component.point) });
 *   api.nearby(shift.fromDisplay([event.lngLat.lng, event.lngLat.lat]));
 */
import type { GeoJSON } from 'geojson';
import gcoordModule from 'gcoord';

// gcoord is CommonJS typed as an ES module: under Node (the unit tests) the default import holds the API as `default`
const gcoord = ((gcoordModule as { default?: unknown }).default ?? gcoordModule) as typeof gcoordModule.default;

export type DisplayDatum = 'wgs84' | 'gcj02';
type LonLat = [number, number];

export interface DisplayShift {
  datum: DisplayDatum;
  /** WGS84 → the map's datum. */
  toDisplay(point: LonLat): LonLat;
  /** The map's datum → WGS84. */
  fromDisplay(point: LonLat): LonLat;
  /** A copy of GeoJSON in the map's datum (the same object when there is no shift). */
  geojson<T extends GeoJSON>(value: T): T;
}

const same = (point: LonLat): LonLat => point;

export const noShift: DisplayShift = { datum: 'wgs84', toDisplay: same, fromDisplay: same, geojson: (value) => value };

const gcj02Shift: DisplayShift = {
  datum: 'gcj02',
  toDisplay: (point) => gcoord.transform(point, gcoord.WGS84, gcoord.GCJ02) as LonLat,
  fromDisplay: (point) => gcoord.transform(point, gcoord.GCJ02, gcoord.WGS84) as LonLat,
  // gcoord shifts GeoJSON in place: the copy keeps the caller's WGS84 original
  geojson: (value) => gcoord.transform(structuredClone(value) as never, gcoord.WGS84, gcoord.GCJ02) as typeof value,
};

export function displayShift(datum: DisplayDatum): DisplayShift {
  return datum === 'gcj02' ? gcj02Shift : noShift;
}

/** `[west, south, east, north]` in the map's datum (the corners shifted: GCJ-02 barely turns a box). */
export function boundsToDisplay(shift: DisplayShift, [west, south, east, north]: [number, number, number, number]): [number, number, number, number] {
  const [w, s] = shift.toDisplay([west, south]);
  const [e, n] = shift.toDisplay([east, north]);
  return [w, s, e, n];
}
