/**
 * Writes Mapbox Vector Tile 2.1 messages with pbf's PbfWriter (pbf is the protobuf library vt-pbf itself writes with).
 * vt-pbf takes geojson-vt's tile objects and re-reads every feature through wrapper objects (a
 * Point object per vertex, a string key per property value) before writing: on a dense z14 tile of
 * 4,400 components that wrapping was two thirds of the encoding time. Here a layer declares its
 * property names once, takes each feature's values as an array in that order (no object per
 * feature, and one shape for every layer: a server building tiles of every zoom stays fast), interns
 * values as features are added and keeps geometry as flat integer arrays, so writing is a single
 * pass; the bytes decode to the same layers, features, properties and geometry as vt-pbf's
 * (mvt-writer.test.ts checks both against @mapbox/vector-tile).
 */
import { PbfWriter as Pbf } from 'pbf';

export type TagValue = string | number | boolean;

/** MVT geometry types. */
export const enum GeometryType {
  Point = 1,
  LineString = 2,
  Polygon = 3,
}

interface LayerFeature {
  id: number | undefined;
  type: GeometryType;
  /** Key index, value index, key index, value index… */
  tags: number[];
  /** Parts in tile units, each flat [x0, y0, x1, y1, …]: one part holding every point of a
   * (multi)point, one per line, one per ring (closed: last vertex equal to the first). */
  parts: number[][];
}

/** One layer of a tile: features with interned property keys and values. */
export class MvtLayer {
  private readonly keys: string[] = [];
  /** For each declared name, its index in `keys` once a feature has used it (-1 before). */
  private readonly keyIndex: number[];
  private readonly values: TagValue[] = [];
  private readonly valueIndex = new Map<TagValue, number>();
  private readonly features: LayerFeature[] = [];

  /** `names`: the property names, in the order `add` takes their values. */
  constructor(
    readonly name: string,
    readonly extent: number,
    private readonly names: readonly string[],
  ) {
    this.keyIndex = names.map(() => -1);
  }

  get size(): number {
    return this.features.length;
  }

  /** Adds a feature with the values of the layer's properties, in their declared order; a null or
   * undefined value leaves the property out, as vt-pbf does. */
  add(type: GeometryType, parts: number[][], values: readonly (TagValue | null | undefined)[], id?: number): void {
    const tags: number[] = [];
    for (let i = 0; i < this.names.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      tags.push(this.intern(i), this.internValue(value));
    }
    this.features.push({ id, type, tags, parts });
  }

  private intern(position: number): number {
    let index = this.keyIndex[position]!;
    if (index < 0) {
      index = this.keys.length;
      this.keys.push(this.names[position]!);
      this.keyIndex[position] = index;
    }
    return index;
  }

  private internValue(value: TagValue): number {
    let index = this.valueIndex.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.valueIndex.set(value, index);
    }
    return index;
  }

  /** The fields of a Layer message. */
  writeFields(pbf: Pbf): void {
    pbf.writeVarintField(15, 2);
    pbf.writeStringField(1, this.name);
    pbf.writeVarintField(5, this.extent);
    for (const feature of this.features) pbf.writeMessage(2, writeFeature, feature);
    for (const key of this.keys) pbf.writeStringField(3, key);
    for (const value of this.values) pbf.writeMessage(4, writeValue, value);
  }
}

/** The tile's bytes: the given layers that have features, in order. */
export function encodeMvt(layers: Iterable<MvtLayer>): Uint8Array {
  // room for a typical high-zoom tile at once, instead of growing from 16 bytes by doubling
  const pbf = new Pbf(new Uint8Array(64 * 1024));
  for (const layer of layers) if (layer.size) pbf.writeMessage(3, writeLayer, layer);
  // a copy of exactly the tile's length: cached tiles must not hold on to the whole buffer
  return pbf.finish().slice();
}

function writeLayer(layer: MvtLayer, pbf: Pbf): void {
  layer.writeFields(pbf);
}

function writeFeature(feature: LayerFeature, pbf: Pbf): void {
  if (feature.id !== undefined) pbf.writeVarintField(1, feature.id);
  pbf.writePackedVarint(2, feature.tags);
  pbf.writeVarintField(3, feature.type);
  pbf.writeMessage(4, writeGeometry, feature);
}

/** Commands and zigzag-encoded deltas (MVT 2.1 §4.3); a ring's closing vertex becomes ClosePath. */
function writeGeometry(feature: LayerFeature, pbf: Pbf): void {
  let x = 0;
  let y = 0;
  const polygon = feature.type === GeometryType.Polygon;
  for (const part of feature.parts) {
    const vertices = (polygon ? part.length - 2 : part.length) >> 1;
    pbf.writeVarint(command(1, feature.type === GeometryType.Point ? vertices : 1));
    for (let i = 0; i < vertices; i++) {
      if (i === 1 && feature.type !== GeometryType.Point) pbf.writeVarint(command(2, vertices - 1));
      const px = part[2 * i]!;
      const py = part[2 * i + 1]!;
      pbf.writeVarint(zigzag(px - x));
      pbf.writeVarint(zigzag(py - y));
      x = px;
      y = py;
    }
    if (polygon) pbf.writeVarint(command(7, 1));
  }
}

/** A Value message: strings, booleans, and numbers as uint, sint or double (as vt-pbf chooses). */
function writeValue(value: TagValue, pbf: Pbf): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (!Number.isInteger(value)) pbf.writeDoubleField(3, value);
  else if (value < 0) pbf.writeSVarintField(6, value);
  else pbf.writeVarintField(5, value);
}

function command(id: number, count: number): number {
  return (count << 3) + (id & 0x7);
}

function zigzag(n: number): number {
  return (n << 1) ^ (n >> 31);
}
