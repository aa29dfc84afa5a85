/**
 * Streams a batch's rejected rows as JSON, CSV (Excel-friendly UTF-8 with BOM) or GeoJSON, page by
 * page from the database, so a batch with 100,000 rejects is never held in memory.
 */
import type { Response } from 'express';
import type { Knex } from 'knex';
import { stringify } from 'csv-stringify/sync';
import { iterateRejects, type RejectRecord } from './survey-batch.repository.ts';
import type { SurveyBatchRow } from './survey-batch.repository.ts';

export type RejectFormat = 'json' | 'csv' | 'geojson';

const csvColumns = ['layer', 'row', 'source_id', 'rule', 'message', 'attributes', 'geometry'];

export async function writeRejects(knex: Knex, batch: SurveyBatchRow, format: RejectFormat, rule: string | undefined, res: Response): Promise<void> {
  const base = `survey-batch-${batch.id}-rejects${rule ? `-${rule}` : ''}`;
  const rows = iterateRejects(knex, batch.id, rule);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').attachment(`${base}.csv`);
    res.write('\ufeff' + stringify([csvColumns]));
    for await (const r of rows) {
      res.write(stringify([[r.layer, r.row_number, r.source_id ?? '', r.rule, r.message, JSON.stringify(r.attributes), r.geometry ?? '']]));
    }
    return void res.end();
  }
  const geojson = format === 'geojson';
  res.type(geojson ? 'application/geo+json' : 'application/json');
  if (geojson) res.attachment(`${base}.geojson`);
  res.write(geojson ? '{"type":"FeatureCollection","features":[' : '[');
  let first = true;
  for await (const r of rows) {
    res.write((first ? '' : ',\n') + JSON.stringify(geojson ? toFeature(r) : toJson(r)));
    first = false;
  }
  res.end(geojson ? ']}' : ']');
}

function toJson(r: RejectRecord) {
  return { layer: r.layer, row: r.row_number, source_id: r.source_id, rule: r.rule, message: r.message, attributes: r.attributes, geometry: r.geometry ? JSON.parse(r.geometry) : null };
}

function toFeature(r: RejectRecord) {
  const { geometry, ...properties } = toJson(r);
  return { type: 'Feature', geometry, properties };
}
