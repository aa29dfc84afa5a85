/**
 * The online basemaps a user may put under the map (Settings → Basemap). The default map needs no
 * network; these are the option. Each is raster XYZ tiles, with the datum its tiles are drawn in:
 * a GCJ-02 basemap (AutoNavi, Tencent) makes the map shift its own features to GCJ-02 (see
 * api/tiles/display-datum.ts). Their origins are the only ones the page's Content-Security-Policy
 * lets it fetch from besides its own.
 *
 * Configured with CIVICGRID_BASEMAPS (a JSON array of basemaps, `[]` for none); unset, the
 * defaults below: OpenStreetMap and AutoNavi, and Tianditu (天地图) when CIVICGRID_TIANDITU_KEY
 * gives its key.
 *
 * @example
 *   CIVICGRID_BASEMAPS='[{"id":"local","name_zh":"本地底图","name_en":"Local basemap","datum":"wgs84",
 *     "tiles":["https://tiles.example.cn/{z}/{x}/{y}.png"],"attribution":"© Example"}]'
 */
import { z } from '../http/zod.ts';

const tileUrl = z
  .string()
  .url()
  .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
  .refine((url) => url.includes('{z}') && url.includes('{x}') && url.includes('{y}'), 'must hold {z}, {x} and {y}');

export const basemapSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens'),
    name_zh: z.string().min(1).max(60),
    name_en: z.string().min(1).max(60),
    /** The datum the tiles are drawn in. */
    datum: z.enum(['wgs84', 'gcj02']),
    /** XYZ raster tile URLs (several: the same tiles from several hosts). */
    tiles: z.array(tileUrl).min(1).max(8),
    /** Optional label tiles drawn over the first (Tianditu serves its annotations apart). */
    labels: z.array(tileUrl).min(1).max(8).optional(),
    attribution: z.string().min(1).max(200),
    maxzoom: z.number().int().min(1).max(22).default(18),
    tile_size: z.union([z.literal(256), z.literal(512)]).default(256),
  })
  .openapi('Basemap');

export type Basemap = z.infer<typeof basemapSchema>;

const basemapList = z.array(basemapSchema).max(20).refine((list) => new Set(list.map((b) => b.id)).size === list.length, 'basemap ids must differ');

const osm: Basemap = {
  id: 'osm',
  name_zh: 'OpenStreetMap 地图',
  name_en: 'OpenStreetMap',
  datum: 'wgs84',
  tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
  attribution: '© OpenStreetMap contributors',
  maxzoom: 19,
  tile_size: 256,
};

const autonavi: Basemap = {
  id: 'autonavi',
  name_zh: '高德地图（GCJ-02）',
  name_en: 'AutoNavi (GCJ-02)',
  datum: 'gcj02',
  tiles: [1, 2, 3, 4].map((host) => `https://webrd0${host}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`),
  attribution: '© 高德地图 AutoNavi',
  maxzoom: 18,
  tile_size: 256,
};

/** Tianditu's Web Mercator ('w') tiles of one layer, from its eight hosts. */
function tiandituLayer(layer: 'vec' | 'cva', key: string): string[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map((host) => `https://t${host}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`);
}

/** The basemaps offered when CIVICGRID_BASEMAPS is unset. */
export function defaultBasemaps(tiandituKey?: string): Basemap[] {
  const tianditu: Basemap[] = tiandituKey
    ? [{ id: 'tianditu', name_zh: '天地图', name_en: 'Tianditu', datum: 'wgs84', tiles: tiandituLayer('vec', tiandituKey), labels: tiandituLayer('cva', tiandituKey), attribution: '© 天地图 Tianditu', maxzoom: 18, tile_size: 256 }]
    : [];
  return [...tianditu, osm, autonavi];
}

/** Parses CIVICGRID_BASEMAPS; the message names what is wrong and where. */
export function parseBasemaps(json: string): Basemap[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  const parsed = basemapList.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'list'}: ${issue.message}`).join('; '));
  return parsed.data;
}

/** The origins the basemaps' tiles come from, for the Content-Security-Policy. */
export function basemapOrigins(basemaps: Basemap[]): string[] {
  const origins = new Set<string>();
  for (const basemap of basemaps) {
    for (const url of [...basemap.tiles, ...(basemap.labels ?? [])]) origins.add(new URL(url.replace(/\{[a-z]+\}/g, '0')).origin);
  }
  return [...origins];
}
