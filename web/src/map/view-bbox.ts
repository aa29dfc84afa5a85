/**
 * The map's view as an api `bbox` query value (`west,south,east,north`, degrees, WGS84): the
 * corners taken back from the map's datum (display-shift.ts) and kept within the world.
 *
 * @example api.GET('/api/cases', { params: { query: { bbox: viewBbox(map, shift) } } })
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { noShift, type DisplayShift } from './display-shift.ts';

export function viewBbox(map: MapLibreMap, shift: DisplayShift = noShift): string {
  const bounds = map.getBounds();
  const [west, south] = shift.fromDisplay([bounds.getWest(), bounds.getSouth()]);
  const [east, north] = shift.fromDisplay([bounds.getEast(), bounds.getNorth()]);
  const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value)).toFixed(6);
  return [clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)].join(',');
}
