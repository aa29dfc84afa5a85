/**
 * Turns features in degrees into an MVT: projection into the tile's integer space (dropping
 * points that collapse onto each other and rings that collapse to nothing), then encoding by
 * vt-pbf — the maintained encoder behind geojson-vt — in its geojson-vt tile format.
 */
import vtpbf from 'vt-pbf';
import type { Geometry, Position } from 'geojson';
import { projectToTile, tileExtent, type TileAddress } from './tile-address.ts';

/** A feature in geojson-vt's tile format: type 1 point, 2 line, 3 polygon; geometry in tile units. */
export interface TileFeature {
  id?: number;
  type: 1 | 2 | 3;
  geometry: [number, number][][] | [number, number][];
  tags: Record<string, string | number | boolean>;
}

type Project = (lon: number, lat: number) => [number, number];

/** The layers of one tile, projected as they are added, then encoded. */
export class TileLayers {
  private readonly layers = new Map<string, TileFeature[]>();
  private readonly project: Project;

  constructor(tile: TileAddress) {
    this.project = projectToTile(tile);
  }

  /** Adds a point feature. */
  addPoint(layer: string, lon: number, lat: number, tags: TileFeature['tags'], id?: number): void {
    this.push(layer, { id, type: 1, geometry: [this.project(lon, lat)], tags });
  }

  /** Adds a GeoJSON geometry (any type; collections are split by dimension). */
  addGeometry(layer: string, geometry: Geometry, tags: TileFeature['tags'], id?: number): void {
    const points: [number, number][] = [];
    const lines: [number, number][][] = [];
    const rings: [number, number][][] = [];
    this.collect(geometry, points, lines, rings);
    if (points.length) this.push(layer, { id, type: 1, geometry: points, tags });
    if (lines.length) this.push(layer, { id, type: 2, geometry: lines, tags });
    if (rings.length) this.push(layer, { id, type: 3, geometry: rings, tags });
  }

  /** Number of features added so far. */
  get size(): number {
    let count = 0;
    for (const features of this.layers.values()) count += features.length;
    return count;
  }

  /** The MVT bytes, or null when no layer has a feature. */
  encode(): Uint8Array | null {
    if (this.size === 0) return null;
    const input: Record<string, { features: TileFeature[] }> = {};
    for (const [name, features] of this.layers) if (features.length) input[name] = { features };
    return vtpbf.fromGeojsonVt(input, { version: 2, extent: tileExtent });
  }

  private push(layer: string, feature: TileFeature): void {
    const features = this.layers.get(layer);
    if (features) features.push(feature);
    else this.layers.set(layer, [feature]);
  }

  private collect(geometry: Geometry, points: [number, number][], lines: [number, number][][], rings: [number, number][][]): void {
    switch (geometry.type) {
      case 'Point':
        if (geometry.coordinates.length >= 2) points.push(this.project(geometry.coordinates[0]!, geometry.coordinates[1]!));
        return;
      case 'MultiPoint':
        for (const position of geometry.coordinates) points.push(this.project(position[0]!, position[1]!));
        return;
      case 'LineString':
        this.addLine(geometry.coordinates, lines);
        return;
      case 'MultiLineString':
        for (const line of geometry.coordinates) this.addLine(line, lines);
        return;
      case 'Polygon':
        this.addPolygon(geometry.coordinates, rings);
        return;
      case 'MultiPolygon':
        for (const polygon of geometry.coordinates) this.addPolygon(polygon, rings);
        return;
      case 'GeometryCollection':
        for (const part of geometry.geometries) this.collect(part, points, lines, rings);
    }
  }

  private addLine(line: Position[], lines: [number, number][][]): void {
    const projected = this.projectPath(line);
    if (projected.length >= 2) lines.push(projected);
  }

  /** Keeps the rings that still enclose an area in tile units; a polygon whose outer ring collapsed is dropped whole. */
  private addPolygon(polygon: Position[][], rings: [number, number][][]): void {
    const [outer, ...holes] = polygon.map((ring) => this.projectPath(ring));
    if (!outer || !enclosesArea(outer)) return;
    rings.push(outer);
    for (const hole of holes) if (enclosesArea(hole)) rings.push(hole);
  }

  private projectPath(path: Position[]): [number, number][] {
    const out: [number, number][] = [];
    for (const position of path) {
      const point = this.project(position[0]!, position[1]!);
      const last = out[out.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
    }
    return out;
  }
}

function enclosesArea(ring: [number, number][]): boolean {
  return ring.length >= 4 && ringArea(ring) !== 0;
}

/** Twice the signed area of a closed ring (shoelace). */
function ringArea(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[i]![1] + ring[j]![1]);
  return sum;
}
