import { access, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseGridSampler } from './base-grid-sampler.ts';
import { CGCS2000_GK_CM_120E_ESRI_WKT, cgcs2000GkCm120e } from './cgcs2000-gk-cm120e.ts';
import { readReferenceData } from './reference-data-reader.ts';
import { SeededRandom } from './seeded-random.ts';
import { PointShapefileWriter } from './shapefile-writer.ts';
import { DEMO_SURVEY_FIELDS, SurveyRowGenerator } from './survey-row-generator.ts';
import { SURVEY_DAYS, SURVEY_START } from './survey-vocabulary.ts';

/** Options of `civicgrid demo`. */
export interface DemoSurveyOptions {
  /** Number of components (rows) to write; up to about a million. */
  count: number;
  /** Directory for the layer's files; created if missing. */
  outDir: string;
  /** PRNG seed; the same seed, count and grids always give byte-identical files. */
  seed?: number;
  /** Layer (file) name without extension; default 部件调查. */
  layerName?: string;
  /** Directory holding mohurd/, departments.json, responsibility-rules.json; default the repo's data/. */
  dataDir?: string;
  /** Grid GeoJSON to place points in; default `<dataDir>/grids/wuzhong-grids.geojson`. */
  gridsPath?: string;
  /** Called after each chunk is written, e.g. for a CLI progress line. */
  onProgress?: (written: number, total: number) => void;
}

/** What `writeDemoSurvey` wrote. */
export interface DemoSurveyResult {
  files: string[];
  count: number;
}

export const DEFAULT_LAYER_NAME = '部件调查';
export const DEFAULT_SEED = 20240304;
const REPO_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');
const MAX_COUNT = 5_000_000;
/** The delivery is dated the day after the survey window closes. */
const SURVEY_END = new Date(SURVEY_START.getFullYear(), SURVEY_START.getMonth(), SURVEY_START.getDate() + SURVEY_DAYS);

/**
 * Writes a contractor-style survey delivery of `count` point components: `<layer>.shp/.shx/.dbf/
 * .prj` in CGCS2000 / 3-degree Gauss-Kruger CM 120E, attributes in GBK with language driver 0x4D
 * and no .cpg, each point inside one of the district's base grids. It is the input a survey
 * import starts from; rows are generated and written a chunk at a time, so memory stays flat.
 *
 * @example
 * const { files } = await writeDemoSurvey({ count: 680_000, outDir: 'out/demo', seed: 1 });
 * // files: ['out/demo/部件调查.shp', '….shx', '….dbf', '….prj']
 */
export async function writeDemoSurvey(options: DemoSurveyOptions): Promise<DemoSurveyResult> {
  const { count, outDir } = options;
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_COUNT}, got ${count}`);
  }
  const dataDir = options.dataDir ?? REPO_DATA_DIR;
  const gridsPath = options.gridsPath ?? join(dataDir, 'grids', 'wuzhong-grids.geojson');
  await access(gridsPath).catch(() => {
    throw new Error(`grid file ${gridsPath} is missing: run \`npx tsx scripts/generate-grids.ts\` first`);
  });

  const [reference, sampler] = await Promise.all([readReferenceData(dataDir), BaseGridSampler.load(gridsPath)]);
  const random = new SeededRandom(options.seed ?? DEFAULT_SEED);
  const rows = new SurveyRowGenerator(reference, random);

  await mkdir(outDir, { recursive: true });
  const writer = await PointShapefileWriter.create(join(outDir, options.layerName ?? DEFAULT_LAYER_NAME), {
    fields: DEMO_SURVEY_FIELDS,
    prj: CGCS2000_GK_CM_120E_ESRI_WKT,
    encoding: 'gbk',
    languageDriver: 0x4d,
    updated: SURVEY_END,
  });
  const lonLat: [number, number] = [0, 0];
  for (let i = 0; i < count; i++) {
    const { lon, lat, gridIndex } = sampler.sample(random);
    lonLat[0] = lon;
    lonLat[1] = lat;
    const [x, y] = cgcs2000GkCm120e.forward(lonLat);
    // contractors deliver millimetres
    writer.add(Math.round(x! * 1000) / 1000, Math.round(y! * 1000) / 1000, rows.next(gridIndex));
    if (writer.full) {
      await writer.flush();
      options.onProgress?.(writer.recordCount, count);
    }
  }
  const files = await writer.close();
  options.onProgress?.(writer.recordCount, count);
  return { files, count: writer.recordCount };
}
