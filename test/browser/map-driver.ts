/**
 * Driving the map page in browser tests: waiting for it to draw, moving it, clicking and drawing
 * a box where a longitude/latitude is drawn, and finding demo components to do it on.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { isLocalUrl, type PageRecord } from './headless-chromium.ts';

export interface DemoComponent {
  code: string;
  major: string;
  lon: number;
  lat: number;
}

/** Resolves once MapLibre has nothing left to load or draw. */
export function waitForIdle(target: Page): Promise<void> {
  return target.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__civicgrid!.map;
        if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) resolve();
        else map.once('idle', () => resolve());
      }),
  );
}

/** Moves the map (no animation) and waits until it has drawn. */
export async function jumpTo(target: Page, zoom: number, lon: number, lat: number): Promise<void> {
  await target.evaluate(([z, x, y]) => window.__civicgrid!.map.jumpTo({ zoom: z!, center: [x!, y!] }), [zoom, lon, lat]);
  await waitForIdle(target);
}

/** Draws a 60-pixel box round where `lon, lat` is drawn, with the toolbar's box tool. */
export async function dragBoxAround(target: Page, lon: number, lat: number): Promise<void> {
  const centre = await target.evaluate(([x0, y0]) => {
    const map = window.__civicgrid!.map;
    const point = map.project([x0!, y0!]);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }, [lon, lat]);
  await target.getByTestId('select-box').click();
  await target.mouse.move(centre.x - 30, centre.y - 30);
  await target.mouse.down();
  await target.mouse.move(centre.x + 10, centre.y + 10, { steps: 4 });
  await target.mouse.move(centre.x + 30, centre.y + 30, { steps: 4 });
  await target.mouse.up();
}

/** Clicks the map where `lon, lat` is drawn. */
export async function clickAt(target: Page, lon: number, lat: number): Promise<void> {
  const { x, y } = await target.evaluate(([x0, y0]) => {
    const map = window.__civicgrid!.map;
    const point = map.project([x0!, y0!]);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + point.x, y: rect.top + point.y };
  }, [lon, lat]);
  await target.mouse.click(x, y);
}

/** Every demo component with a point geometry, read through the page's session. */
export function readPointComponents(target: Page): Promise<DemoComponent[]> {
  return target.evaluate(async () => {
    const all: { code: string; major: string; lon: number; lat: number }[] = [];
    let cursor: string | null = null;
    do {
      const response: Response = await fetch(`/api/components?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const page = (await response.json()) as {
        features: { geometry: { type: string; coordinates: [number, number] }; properties: { code: string; major_code: string } }[];
        next: string | null;
      };
      for (const f of page.features) {
        if (f.geometry.type === 'Point') all.push({ code: f.properties.code, major: f.properties.major_code, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
      }
      cursor = page.next;
    } while (cursor);
    return all;
  });
}

export function metresBetween(a: DemoComponent, b: DemoComponent): number {
  const kx = 111_320 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * kx, (a.lat - b.lat) * 110_574);
}

/** The closest pair and a lone component, with a hash on ~50 m cells. */
export function findCandidates(components: DemoComponent[]): { lone: DemoComponent; pair: { a: DemoComponent; b: DemoComponent; metres: number } } {
  const cell = 0.0005;
  const key = (x: number, y: number) => `${x},${y}`;
  const cells = new Map<string, DemoComponent[]>();
  for (const c of components) {
    const k = key(Math.floor(c.lon / cell), Math.floor(c.lat / cell));
    cells.set(k, [...(cells.get(k) ?? []), c]);
  }
  let best: { a: DemoComponent; b: DemoComponent; metres: number } | undefined;
  let loner: DemoComponent | undefined;
  for (const c of components) {
    const cx = Math.floor(c.lon / cell);
    const cy = Math.floor(c.lat / cell);
    let nearest = Infinity;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const other of cells.get(key(cx + dx, cy + dy)) ?? []) {
          if (other === c) continue;
          const d = metresBetween(c, other);
          nearest = Math.min(nearest, d);
          if (d > 0.3 && (!best || d < best.metres)) best = { a: c, b: other, metres: d };
        }
      }
    }
    if (!loner && nearest > 40) loner = c;
  }
  if (!best || !loner) throw new Error('the demo survey has no close pair or no lone component');
  return { lone: loner, pair: best };
}

/** Nothing left the machine and nothing was logged as an error. */
export function assertStayedLocal(pageRecord: PageRecord): void {
  const remote = pageRecord.requests.filter((url) => !isLocalUrl(url));
  assert.deepEqual(remote, [], 'requests that left the machine');
  assert.deepEqual(pageRecord.consoleErrors, [], 'console errors');
}
