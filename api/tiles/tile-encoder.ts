/**
 * Turns features in degrees into an MVT: projection into the tile's integer space (dropping
 * points that collapse onto each other and rings that collapse to nothing), then encoding by
 * mvt-writer.ts (pbf).
 */
import type { Geometry, Position } from 'geojson';
import { GeometryType, MvtLayer, encodeMvt, type TagValue } from './mvt-writer.ts';
import { projectToTile, tileExtent, type TileAddress } from './tile-address.ts';

type Project = (lon: number, lat: number) => [number, number];

/** Values of a layer's properties, in the order its schema names them. */
export type TagValues = readonly (TagValue | null | undefined)[];

/** The layers of one tile, projected as they are added, then encoded (layers in the order of
 * their first feature). */
export class TileLayers<Layer extends string> {
  private readonly layers = new Map<Layer, MvtLayer>();
  private readonly project: Project;

  /** `schema`: each layer's property names, in the order features give their values. */
  constructor(
    tile: TileAddress,
    private readonly schema: Record<Layer, readonly string[]>,
  ) {
    this.project = projectToTile(tile);
  }

  /** Adds a point feature. */
  addPoint(layer: Layer, lon: number, lat: number, values: TagValues, id?: number): void {
    this.layer(layer).add(GeometryType.Point, [this.project(lon, lat)], values, id);
  }

  /** Adds a GeoJSON geometry (any type; collections are split by dimension). */
  addGeometry(layer: Layer, geometry: Geometry, values: TagValues, id?: number): void {
    const points: number[] = [];
    const lines: number[][] = [];
    const rings: number[][] = [];
    this.collect(geometry, points, lines, rings);
    if (points.length) this.layer(layer).add(GeometryType.Point, [points], values, id);
    if (lines.length) this.layer(layer).add(GeometryType.LineString, lines, values, id);
    if (rings.length) this.layer(layer).add(GeometryType.Polygon, rings, values, id);
  }

  /** Number of features added so far. */
  get size(): number {
    let count = 0;
    for (const layer of this.layers.values()) count += layer.size;
    return count;
  }

  /** The MVT bytes, or null when no layer has a feature. */
  encode(): Uint8Array | null {
    return this.size === 0 ? null : encodeMvt(this.layers.values());
  }

  private layer(name: Layer): MvtLayer {
    let layer = this.layers.get(name);
    if (!layer) {
      layer = new MvtLayer(name, tileExtent, this.schema[name]);
      this.layers.set(name, layer);
    }
    return layer;
  }

  private collect(geometry: Geometry, points: number[], lines: number[][], rings: number[][]): void {
    switch (geometry.type) {
      case 'Point':
        if (geometry.coordinates.length >= 2) points.push(...this.project(geometry.coordinates[0]!, geometry.coordinates[1]!));
        return;
      case 'MultiPoint':
        for (const position of geometry.coordinates) points.push(...this.project(position[0]!, position[1]!));
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

  private addLine(line: Position[], lines: number[][]): void {
    const projected = this.projectPath(line);
    if (projected.length >= 4) lines.push(projected);
  }

  /** Keeps the rings that still enclose an area in tile units; a polygon whose outer ring collapsed is dropped whole. */
  private addPolygon(polygon: Position[][], rings: number[][]): void {
    const [outer, ...holes] = polygon.map((ring) => this.projectPath(ring));
    if (!outer || !enclosesArea(outer)) return;
    rings.push(outer);
    for (const hole of holes) if (enclosesArea(hole)) rings.push(hole);
  }

  /** A path in tile units, flat [x0, y0, x1, y1, …], without consecutive repeated vertices. */
  private projectPath(path: Position[]): number[] {
    const out: number[] = [];
    for (const position of path) {
      const [x, y] = this.project(position[0]!, position[1]!);
      const n = out.length;
      if (n === 0 || out[n - 2] !== x || out[n - 1] !== y) out.push(x, y);
    }
    return out;
  }
}

function enclosesArea(ring: number[]): boolean {
  return ring.length >= 8 && ringArea(ring) !== 0;
}

/** Twice the signed area of a closed flat ring (shoelace). */
function ringArea(ring: number[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) sum += (ring[j]! - ring[i]!) * (ring[i + 1]! + ring[j + 1]!);
  return sum;
}
