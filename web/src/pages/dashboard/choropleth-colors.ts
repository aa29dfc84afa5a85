/** The colour classes of the open-cases choropleth. */
import type { ExpressionSpecification } from 'maplibre-gl';

/** Light to dark, for 1 … max open cases; 0 stays pale. */
const ramp = ['#fde8d7', '#fbbf92', '#f5894f', '#dc5424', '#a83212'];
export const emptyColor = '#f4f5f2';

/**
 * The classes of the ramp for counts 1 … max: each colour with the count it starts at, no two
 * classes starting at the same count.
 * @example colorStops(2) // [[1, '#dc5424'], [2, '#a83212']]
 */
export function colorStops(max: number): [number, string][] {
  const thresholds: number[] = [];
  ramp.forEach((_, i) => {
    const threshold = 1 + Math.floor((i * Math.max(max, 1)) / ramp.length);
    if (thresholds.length === 0 || threshold > thresholds.at(-1)!) thresholds.push(threshold);
  });
  // with few classes the darker end of the ramp keeps a single open case visible
  const colors = ramp.slice(ramp.length - thresholds.length);
  return thresholds.map((threshold, i) => [threshold, colors[i]!]);
}

/** The fill colour as a MapLibre expression over `open_cases`. */
export function fillColor(max: number): ExpressionSpecification {
  return ['step', ['get', 'open_cases'], emptyColor, ...colorStops(max).flat()] as ExpressionSpecification;
}
