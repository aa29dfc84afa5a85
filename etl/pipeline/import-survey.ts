/**
 * Survey ingest, end to end into staging: open → read → (row stages) → stage → match → summary.
 * The file's imports read as the pipeline; only the loader (etl/load/) touches the database.
 */
import fs from 'node:fs';
import type { Knex } from 'knex';
import { readMatchTolerance } from '../../data/reference-data.ts';
import { ClassIndex, type ComponentClassInfo } from '../classify/class-index.ts';
import { readComponentAliases } from '../classify/component-aliases.ts';
import { loadFieldProfile } from '../fields/field-profile.ts';
import { resolveProfile } from '../fields/resolve-profile.ts';
import { loadPipelineData, type PipelineData } from '../load/pipeline-context.repository.ts';
import { countRejects, matchStaged, stagePhotos, stageRejects, stageRows, summariseStaged, type RejectRow, type StagedRow, type SummaryRow } from '../load/survey-loader.ts';
import { GridLocator } from '../locate/grid-locator.ts';
import { OwnerResolver } from '../own/owner-resolver.ts';
import { SurveyPhotoStage, type PhotoOutcome, type SurveyPhoto } from '../photos/survey-photo-stage.ts';
import { createReprojector, type Bbox } from '../reproject/reprojector.ts';
import { openSource } from '../source/open-source.ts';
import { readLayer, type LayerRead } from '../source/read-layer.ts';
import type { RawRecord, TextEncodingChoice } from '../survey-record.ts';
import { DuplicateDetector } from '../validate/duplicate-detector.ts';
import { polygonPredicate } from '../validate/district-predicate.ts';
import { createValidationContext } from '../validate/validate-record.ts';
import type { BatchProgress } from '../../api/survey-batches/batch-progress.ts';
import { processRow, type BatchStages, type RowWarning } from './row-stages.ts';
import { WarningTally, type WarningSummary } from './warning-tally.ts';

/** Choices a contractor can make for an import (CLI flags, upload form fields). */
export interface ImportOptions {
  srs?: string;
  encoding?: string;
  datum?: 'gcj02' | 'bd09';
  towgs84?: string;
  profile?: string;
}

export interface LayerReport {
  name: string;
  path: string;
  geometryType: string | null;
  rows: number;
  accepted: number;
  rejected: number;
  encoding: TextEncodingChoice;
  crs: { epsg?: number; name: string; source: string; approximate: boolean };
  /** Which source column fed which civicgrid field, and which columns were kept as they were. */
  columns: { fed: Record<string, string>; extra: string[] };
  warnings: string[];
}

export interface ImportReport {
  layers: LayerReport[];
  /** The encodings and CRSs of the layers, for the batch row. */
  encoding: string;
  crs: string;
  counts: { read: number; accepted: number; rejected: number; new: number; update: number; unchanged: number };
  rejectsByRule: Record<string, number>;
  warningsByRule: WarningSummary;
  summary: SummaryRow[];
  warnings: string[];
  seconds: number;
}

/** Rows per database round trip. */
const chunkSize = 5000;
/** Accepted rows that wait for their photos at once, so images are stored in parallel (two in flight ran 3× one in bench/photos.bench.ts). */
const photosInFlight = 3;
/** A little slack around the district for positions on its edge. */
const districtMarginDegrees = 0.02;

/** Reads the survey at `inputPath` into staging for `batchId`; throws a clear error for unusable input. */
export async function importSurvey(
  knex: Knex,
  batchId: number,
  inputPath: string,
  options: ImportOptions,
  onProgress: (progress: BatchProgress) => void = () => {},
  /** The input as the contractor knows it (the upload's name), for messages. */
  displayName?: string,
): Promise<ImportReport> {
  const started = Date.now();
  const data = await loadPipelineData(knex);
  const batch = batchStages(data);
  const profile = loadFieldProfile(options.profile);
  const districtBbox = bboxOf(data, districtMarginDegrees);
  const source = await openSource(inputPath, { displayName });
  try {
    onProgress({ batchId, phase: 'open', rowsDone: 0, rowsTotal: 0, accepted: 0, rejected: 0, rate: 0 });
    const reads: LayerRead[] = [];
    for (const layer of source.layers) reads.push(await readLayer(layer, { encoding: options.encoding }));
    const rowsTotal = reads.reduce((sum, r) => sum + Math.max(r.shpRowCount, r.dbfRowCount ?? 0), 0);

    const tally = new WarningTally();
    const photos = new SurveyPhotoStage(source.images);
    const layers: LayerReport[] = [];
    let rowsDone = 0;
    let accepted = 0;
    let rejectedRows = 0;
    let lastReport = 0;
    const report = (layer: string, force = false) => {
      const now = Date.now();
      if (!force && now - lastReport < 250) return;
      lastReport = now;
      const rate = rowsDone / Math.max((now - started) / 1000, 0.001);
      onProgress({ batchId, phase: 'read', layer, rowsDone, rowsTotal, accepted, rejected: rejectedRows, rate, etaSeconds: rate > 0 ? (rowsTotal - rowsDone) / rate : undefined });
    };

    for (const read of reads) {
      const reprojector = createReprojector({ ...prjOf(read), srs: options.srs, datum: options.datum, towgs84: options.towgs84, sampleBbox: bboxObject(read.bbox), districtBbox });
      const resolution = resolveProfile(read.fields.map((f) => f.name), profile);
      const layer = { name: read.layer.name, reprojector, resolution, validation: { ...batch.validation, columns: resolution.fed } };
      const counts = { rows: 0, accepted: 0, rejected: 0 };
      const writer = new StagingWriter(knex, batchId);

      // an accepted row waits for its photo; a few wait at once, so their images are stored in parallel
      const waiting: { raw: RawRecord; row: StagedRow; warnings: RowWarning[]; photo: Promise<PhotoOutcome> }[] = [];
      const settle = async ({ raw, row, warnings, photo: pending }: (typeof waiting)[number]) => {
        const photo = await pending;
        if (photo.kind === 'rejected') {
          counts.rejected++;
          rejectedRows++;
          await writer.reject([{ layer: row.layer, row: row.row, sourceId: row.sourceCode, rule: photo.rejection.rule, message: photo.rejection.message, attributes: raw.attributes, geometry: row.geometry }]);
          return;
        }
        counts.accepted++;
        accepted++;
        for (const warning of warnings) tally.add(warning);
        if (photo.kind === 'stored') {
          row.photo = photo.photo.hash;
          writer.photo(photo.photo);
          if (photo.warning) tally.add({ layer: raw.layer, row: raw.row, ...photo.warning });
        }
        await writer.accept(row);
      };

      for await (const raw of read.records) {
        const outcome = processRow(raw, batch, layer);
        counts.rows++;
        rowsDone++;
        if ('accepted' in outcome) {
          // the photo stage reads and stores images, so it runs here rather than among the pure row stages
          const photo = photos.attach(outcome.accepted.attributes.photo as string | undefined, outcome.accepted.point, read.layer.displayPath);
          photo.catch(() => {}); // awaited in settle; never an unhandled rejection meanwhile
          waiting.push({ raw, row: outcome.accepted, warnings: outcome.warnings, photo });
          if (waiting.length >= photosInFlight) await settle(waiting.shift()!);
        } else {
          counts.rejected++;
          rejectedRows++;
          await writer.reject(outcome.rejected);
        }
        if ((rowsDone & 1023) === 0) report(read.layer.name);
      }
      while (waiting.length > 0) await settle(waiting.shift()!);
      for await (const unpaired of read.unpairedRecords) {
        counts.rows++;
        counts.rejected++;
        rowsDone++;
        rejectedRows++;
        const { record, rejection } = unpaired;
        await writer.reject([{ layer: record.layer, row: record.row, sourceId: null, rule: rejection.rule, message: rejection.message, attributes: record.attributes, geometry: record.geometry }]);
      }
      await writer.flush();
      report(read.layer.name, true);
      layers.push({
        name: read.layer.name,
        path: read.layer.displayPath,
        geometryType: read.geometryType,
        ...counts,
        encoding: read.encoding,
        crs: { ...reprojector.crs, approximate: reprojector.approximate },
        columns: { fed: resolution.fed as Record<string, string>, extra: resolution.extra },
        warnings: [...read.warnings.map((w) => w.message), ...reprojector.warnings],
      });
    }

    if (photos.unresolvedRows > 0) {
      source.warnings.push({ rule: 'photo.not_included', message: `${photos.unresolvedRows} rows name a photo (照片) but the upload holds no images: their photo field is kept as text` });
    }
    onProgress({ batchId, phase: 'match', rowsDone, rowsTotal, accepted, rejected: rejectedRows, rate: 0, message: 'comparing with the inventory' });
    await matchStaged(knex, batchId, readMatchTolerance());
    onProgress({ batchId, phase: 'summary', rowsDone, rowsTotal, accepted, rejected: rejectedRows, rate: 0 });
    const summary = await summariseStaged(knex, batchId);
    const byAction = (action: string) => summary.filter((s) => s.action === action).reduce((n, s) => n + s.count, 0);
    return {
      layers,
      encoding: [...new Set(layers.map((l) => l.encoding.encoding))].join(', '),
      crs: [...new Set(layers.map((l) => (l.crs.epsg ? `EPSG:${l.crs.epsg}` : l.crs.name)))].join(', '),
      counts: { read: rowsDone, accepted, rejected: rejectedRows, new: byAction('new'), update: byAction('update'), unchanged: byAction('unchanged') },
      rejectsByRule: await countRejects(knex, batchId),
      warningsByRule: tally.summary(),
      summary,
      warnings: [...source.warnings.map((w) => w.message), ...layers.flatMap((l) => l.warnings.map((w) => `${l.name}: ${w}`))],
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await source.cleanup();
  }
}

/** The shared stages of a batch, built once from the database's reference data. */
function batchStages(data: PipelineData): BatchStages {
  const classes: ComponentClassInfo[] = data.classes.map((c) => ({ sub_code: c.code, sub_name_zh: c.name_zh, sub_name_en: c.name_en, geometry: c.geometry_kind }));
  return {
    classIndex: new ClassIndex(classes, readComponentAliases()),
    validation: createValidationContext({ classes, districtCode: data.district.code, districtName: data.district.name_zh, insideDistrict: polygonPredicate(data.district.geometry, 1) }),
    duplicates: new DuplicateDetector({ classNames: new Map(data.classes.map((c) => [c.code, c.name_zh])) }),
    locator: new GridLocator(data.baseGrids),
    gridPaths: new Map(data.baseGrids.map((g) => [g.id, g.path])),
    owners: new OwnerResolver(data.departments, data.rules),
  };
}

/** The layer's .prj text and its name for messages, when it has one. */
export function prjOf(read: LayerRead): { prjText?: string; prjName?: string } {
  if (!read.layer.prjPath) return {};
  return { prjText: fs.readFileSync(read.layer.prjPath, 'utf8'), prjName: read.layer.displayPath.replace(/\.shp$/i, '.prj') };
}

/** A .shp header bbox as the reprojector takes it. */
export function bboxObject([west, south, east, north]: [number, number, number, number]): Bbox {
  return { west, south, east, north };
}

function bboxOf(data: PipelineData, margin: number): Bbox {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of data.district.geometry.coordinates) {
    for (const [x, y] of polygon[0] ?? []) {
      west = Math.min(west, x!);
      east = Math.max(east, x!);
      south = Math.min(south, y!);
      north = Math.max(north, y!);
    }
  }
  return { west: west - margin, south: south - margin, east: east + margin, north: north + margin };
}

/**
 * Buffers staged rows and rejects and writes them a chunk at a time. One write may be in flight
 * while the next chunk fills, so reading and the database overlap on a server backend.
 */
class StagingWriter {
  private rows: StagedRow[] = [];
  private rejects: RejectRow[] = [];
  private photos: SurveyPhoto[] = [];
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly knex: Knex,
    private readonly batchId: number,
  ) {}

  async accept(row: StagedRow): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= chunkSize) await this.write();
  }

  /** A stored photo of an accepted row, recorded with the next chunk. */
  photo(photo: SurveyPhoto): void {
    this.photos.push(photo);
  }

  async reject(rows: RejectRow[]): Promise<void> {
    this.rejects.push(...rows);
    if (this.rejects.length >= chunkSize) await this.write();
  }

  async flush(): Promise<void> {
    await this.write();
    await this.inFlight;
  }

  private async write(): Promise<void> {
    const [rows, rejects, photos] = [this.rows, this.rejects, this.photos];
    this.rows = [];
    this.rejects = [];
    this.photos = [];
    await this.inFlight;
    this.inFlight = (async () => {
      await stagePhotos(this.knex, photos);
      await stageRows(this.knex, this.batchId, rows);
      await stageRejects(this.knex, this.batchId, rejects);
    })();
    // surface a failed write at the next call rather than as an unhandled rejection
    this.inFlight.catch(() => {});
  }
}
