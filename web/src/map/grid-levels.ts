/**
 * How each level of the grid hierarchy (1+14+205+942) is drawn: one table read by the map layers
 * and by the legend, so the two never disagree.
 */
import type { GridLevel } from '../api/client.ts';

export interface GridLevelStyle {
  level: GridLevel;
  /** Zoom from which the boundary is drawn (it fades in over the next zoom level). */
  lineMinzoom: number;
  lineColor: string;
  /** Line width in pixels at zoom 11; it grows gently with zoom. */
  lineWidth: number;
  /** Zoom range of the name labels; absent for levels without labels. */
  label?: { minzoom: number; maxzoom: number; size: number; color: string; bold: boolean };
  /** Fetched once the map comes within one zoom level of `lineMinzoom`. */
  prefetchZoom: number;
}

export const gridLevels: readonly GridLevelStyle[] = [
  { level: 1, lineMinzoom: 0, lineColor: '#2b3a4a', lineWidth: 2.6, prefetchZoom: 0 },
  {
    level: 2,
    lineMinzoom: 0,
    lineColor: '#4b5b6d',
    lineWidth: 1.8,
    label: { minzoom: 8, maxzoom: 13.5, size: 15, color: '#1f2d3a', bold: true },
    prefetchZoom: 0,
  },
  {
    level: 3,
    lineMinzoom: 10.5,
    // solid, not dashed: base-grid hairlines run under it and would fill a dash's gaps
    lineColor: '#8391a3',
    lineWidth: 0.9,
    label: { minzoom: 11.5, maxzoom: 24, size: 12.5, color: '#34424f', bold: false },
    prefetchZoom: 9.5,
  },
  {
    level: 4,
    lineMinzoom: 12.5,
    lineColor: '#a3afbb',
    lineWidth: 0.5,
    label: { minzoom: 14, maxzoom: 24, size: 11, color: '#56636f', bold: false },
    prefetchZoom: 11.5,
  },
];

/**
 * Muted tints for the towns, told apart by hue at equal lightness so no town looks more important
 * than its neighbour. Neighbours get different tints (see town-tints.ts).
 */
export const townTints: readonly string[] = [
  '#e3ecf5', // blue
  '#e6f0e1', // green
  '#f4ecdc', // sand
  '#ece4f1', // lilac
  '#dfeeed', // teal
  '#f3e3e1', // rose
  '#ececdc', // olive
];

export const mapColors = {
  /** outside the district */
  background: '#e4e7eb',
  /** inside the district where no town covers it */
  district: '#f6f6f2',
  districtHalo: '#c9d3de',
  labelHalo: 'rgba(255, 255, 255, 0.92)',
} as const;
