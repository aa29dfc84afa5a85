/** Waiting for the map page's map: grids and components loaded and drawn (MapView sets data-map-ready). */
import type { Page } from 'playwright-core';

export async function waitForMapReady(target: Page): Promise<void> {
  await target.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 90_000 });
}
