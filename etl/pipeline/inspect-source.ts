/**
 * `civicgrid inspect`: the read, decode and reproject stages of the import, without the database,
 * as WGS 84 GeoJSON features. A layer without a .prj is inferred as the import does, against the
 * reference district (data/grids); when nothing fits there, against the whole world, so lon/lat
 * data from anywhere passes and projected data elsewhere needs --srs.
 */
import type { Feature } from 'geojson';
import { createReprojector, type CrsError, type Reprojector } from '../reproject/reprojector.ts';
import { readReferenceData } from '../../data/reference-data.ts';
import { openSource } from '../source/open-source.ts';
import { readLayer } from '../source/read-layer.ts';
import { bboxObject, prjOf, type ImportOptions } from './import-survey.ts';

const world = { west: -180, south: -90, east: 180, north: 90 };

let districtBbox: { west: number; south: number; east: number; north: number } | undefined;

/** The bounding box of the reference district (the level-1 grid in data/), read once. */
function referenceDistrictBbox() {
  if (districtBbox) return districtBbox;
  const district = readReferenceData().grids.find((g) => g.properties.level === 1)!;
  const box = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as number[];
      box.west = Math.min(box.west, x!);
      box.east = Math.max(box.east, x!);
      box.south = Math.min(box.south, y!);
      box.north = Math.max(box.north, y!);
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(district.geometry.coordinates);
  return (districtBbox = box);
}

/** What inspect found in each layer, beside the features. */
export interface InspectedLayer {
  name: string;
  path: string;
  encoding: string;
  crs: string;
  rows: number;
  warnings: string[];
}

/**
 * Yields every row of every layer as a Feature (properties = decoded .dbf attributes, geometry in
 * EPSG:4326, null for a null shape), then calls `onLayer` with the layer's facts.
 *
 * @example
 * for await (const feature of inspectSource('survey.zip', { srs: 'EPSG:4549' })) console.log(feature);
 */
export async function* inspectSource(inputPath: string, options: Omit<ImportOptions, 'profile'> = {}, onLayer: (layer: InspectedLayer) => void = () => {}): AsyncGenerator<Feature & { layer: string }> {
  const source = await openSource(inputPath);
  try {
    for (const layer of source.layers) {
      const read = await readLayer(layer, { encoding: options.encoding });
      const settings = { ...prjOf(read), srs: options.srs, datum: options.datum, towgs84: options.towgs84, sampleBbox: bboxObject(read.bbox) };
      let reprojector: Reprojector;
      try {
        reprojector = createReprojector({ ...settings, districtBbox: referenceDistrictBbox() });
      } catch (error) {
        if ((error as CrsError).rule !== 'crs.unknown') throw error;
        reprojector = createReprojector({ ...settings, districtBbox: world });
      }
      let rows = 0;
      for await (const record of read.records) {
        rows++;
        yield { type: 'Feature', layer: layer.name, properties: record.attributes, geometry: record.geometry ? reprojector.project(record.geometry) : null } as Feature & { layer: string };
      }
      onLayer({
        name: layer.name,
        path: layer.displayPath,
        encoding: `${read.encoding.encoding} (${read.encoding.source})`,
        crs: `${reprojector.crs.epsg ? `EPSG:${reprojector.crs.epsg} ` : ''}${reprojector.crs.name} (${reprojector.crs.source})`,
        rows,
        warnings: [...read.warnings.map((w) => w.message), ...reprojector.warnings],
      });
    }
  } finally {
    await source.cleanup();
  }
}
