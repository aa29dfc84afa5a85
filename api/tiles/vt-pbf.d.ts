/** Types for vt-pbf 3 (the package ships none), the reference mvt-writer.test.ts checks the writer against: geojson-vt tile → MVT bytes. */
declare module 'vt-pbf' {
  interface GeojsonVtFeature {
    id?: number;
    type: 1 | 2 | 3;
    geometry: unknown;
    tags: Record<string, unknown>;
  }
  interface VtPbf {
    fromGeojsonVt(layers: Record<string, { features: GeojsonVtFeature[] }>, options?: { version?: number; extent?: number }): Uint8Array;
  }
  const vtpbf: VtPbf;
  export default vtpbf;
}
