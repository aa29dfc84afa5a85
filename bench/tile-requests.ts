/**
 * The tile bench's client side: tiles asked for over HTTP as a browser or a load test asks —
 * timed one after another on a kept-alive connection, the pyramid under a tile, every tile of the
 * district down to a zoom, the largest of a set, and an autocannon load over a tile mix.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { tileContaining, type TileAddress } from '../api/tiles/tile-address.ts';

/** Sequential GETs over one kept-alive connection (as a browser's), timed to the last byte, after
 * 50 untimed ones (a server that has just started is still compiling its request path). */
export async function timeRequests(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const warmUp = 50;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent, headers }, (response) => {
          response.resume();
          response.on('end', resolve);
        })
        .on('error', reject);
    });
  const times: number[] = [];
  try {
    for (let i = 0; i < count + warmUp; i++) {
      const start = performance.now();
      await get();
      if (i >= warmUp) times.push(performance.now() - start);
    }
  } finally {
    agent.destroy();
  }
  return times;
}

/** The value at fraction `p` of the sorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Every tile from z12 to z16 under a z12 tile: 1 + 4 + 16 + 64 + 256. */
export function pyramidUnder(root: TileAddress): string[] {
  const paths: string[] = [];
  for (let z = root.z; z <= 16; z++) {
    const scale = 2 ** (z - root.z);
    for (let x = root.x * scale; x < (root.x + 1) * scale; x++) {
      for (let y = root.y * scale; y < (root.y + 1) * scale; y++) paths.push(`/tiles/components/${z}/${x}/${y}.mvt`);
    }
  }
  return paths;
}

/** Every tile from z0 to `maxZoom` that touches the district (from the TileJSON bounds). */
export async function districtTilesDown(url: string, headers: Record<string, string>, maxZoom: number): Promise<string[]> {
  const tilejson = (await (await fetch(`${url}/tiles/components.json`, { headers })).json()) as { bounds: [number, number, number, number] };
  const [west, south, east, north] = tilejson.bounds;
  const paths: string[] = [];
  for (let z = 0; z <= maxZoom; z++) {
    const northWest = tileContaining(west, north, z);
    const southEast = tileContaining(east, south, z);
    for (let x = northWest.x; x <= southEast.x; x++) for (let y = northWest.y; y <= southEast.y; y++) paths.push(`/tiles/components/${z}/${x}/${y}.mvt`);
  }
  return paths;
}

/** The largest of the tiles, uncompressed. */
export async function largestTile(url: string, headers: Record<string, string>, paths: string[]): Promise<{ path: string; bytes: number }> {
  let largest = { path: '', bytes: 0 };
  for (const tilePath of paths) {
    const response = await fetch(url + tilePath, { headers: { ...headers, 'accept-encoding': 'identity' } });
    if (response.status >= 300) {
      if (response.status !== 204) throw new Error(`${tilePath}: ${response.status}`);
      continue;
    }
    const bytes = (await response.arrayBuffer()).byteLength;
    if (bytes > largest.bytes) largest = { path: tilePath, bytes };
  }
  return largest;
}

/** autocannon over the tiles in a fixed shuffled order. */
export function loadTest(url: string, headers: Record<string, string>, paths: string[], options: { connections: number; duration: number }) {
  let next = 0;
  // a fixed shuffle: every run asks for the same sequence
  const order = paths.map((p, i) => ({ p, k: (i * 7919) % paths.length })).sort((a, b) => a.k - b.k).map(({ p }) => p);
  return autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: order[next++ % order.length]! }),
      },
    ],
  });
}
