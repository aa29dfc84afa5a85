/**
 * Streams filtered components as GeoJSON or CSV (UTF-8 with a BOM, so Excel reads the Chinese),
 * batch by batch from the database: nothing is buffered whole, the socket's back-pressure is
 * respected, and a client that goes away stops the reading.
 */
import type { Response } from 'express';
import type { Knex } from 'knex';
import { csvColumns, csvLine, toCsvLine, toFeatureJson } from './component-feature.ts';
import { iterateComponentRows, type ResolvedFilter } from './component.repository.ts';

export type ExportFormat = 'geojson' | 'csv';

/** Writes the export to the response; the filename carries the date, e.g. components-20250301.csv. */
export async function writeComponentExport(knex: Knex, filter: ResolvedFilter, format: ExportFormat, res: Response): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  if (format === 'csv') res.type('text/csv; charset=utf-8');
  else res.type('application/geo+json');
  res.attachment(`components-${stamp}.${format}`);

  let first = true;
  if (!(await write(res, format === 'csv' ? '\ufeff' + csvLine(csvColumns) : '{"type":"FeatureCollection","features":[\n'))) return;
  for await (const rows of iterateComponentRows(knex, filter, { attributes: format === 'csv' ? 'csv' : 'json' })) {
    const text = format === 'csv' ? rows.map(toCsvLine).join('') : (first ? '' : ',\n') + rows.map(toFeatureJson).join(',\n');
    first = false;
    // the client went away: stop reading the database
    if (!(await write(res, text))) return;
  }
  res.end(format === 'csv' ? '' : '\n]}\n');
}

/** Writes a chunk and waits while the socket's buffer is full; false once the response is closed. */
async function write(res: Response, text: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(text)) return true;
  if (res.destroyed) return false;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !res.destroyed;
}
