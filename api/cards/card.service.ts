/**
 * 部件身份证 — component ID cards: what goes on a card (the survey date from the attributes, else
 * the batch's commit date; the grid path; the district), the URL its QR code opens, the ETag that
 * changes with the component, and sheet runs for a list of codes or a whole grid, capped.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { parseSurveyDate } from '../../etl/validate/survey-date.ts';
import { badRequest, HttpError, notFound, tooManyRequests } from '../http/errors.ts';
import { readPhoto } from '../photos/photo-store.ts';
import { cardLayoutVersion, type CardContent } from './card-layout.ts';
import { renderCard } from './card-renderer.ts';
import { CardSheetBuilder } from './card-sheet.ts';
import { findCardRows, findCardVersion, findDistrict, findGrid, findGridComponentCodes, type CardRow } from './card.repository.ts';

/** The most cards one sheet run prints: about 170 MB of card images held while the PDF is built. */
export const maxCardsPerRun = 2000;

/** Cards rendered at once in a sheet run: sharp works on its own threads, two cores keep busy. */
const renderConcurrency = 3;

/**
 * The civicgrid address that opens a component on the map: what the QR code holds.
 *
 * @example
 * componentUrl('https://grid.example.cn/', '3205060101000001') // 'https://grid.example.cn/map?component=3205060101000001'
 */
export function componentUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/map?component=${code}`;
}

/** A card's ETag: the component's version and photo, the URL the QR code holds and the layout. */
export function cardEtag(code: string, version: number, photo: string | null, baseUrl: string): string {
  const hash = createHash('sha256').update(JSON.stringify([code, version, photo, componentUrl(baseUrl, code), cardLayoutVersion])).digest('base64url');
  return `"card-${code}-v${version}-${hash.slice(0, 16)}"`;
}

/** The ETag of a component's card, from a cheap lookup (no rendering). */
export async function componentCardEtag(knex: Knex, code: string, baseUrl: string): Promise<string> {
  const row = await findCardVersion(knex, code);
  if (!row) throw notFound(`no component with code ${code}`);
  return cardEtag(code, row.version, row.photo, baseUrl);
}

/** One component's card as a PNG with its ETag. */
export async function renderComponentCard(knex: Knex, code: string, baseUrl: string): Promise<{ png: Buffer; etag: string }> {
  const [rows, district] = await Promise.all([findCardRows(knex, [code]), districtOf(knex)]);
  const row = rows[0];
  if (!row) throw notFound(`no component with code ${code}`);
  const png = await renderCard(cardContent(row, district, baseUrl), { thumbnail: await thumbnailOf(row) });
  return { png, etag: cardEtag(row.code, row.version, row.photo, baseUrl) };
}

/** What a sheet run prints: a list of codes, or every component of a grid. */
export type SheetRequest = { codes: string[]; grid?: undefined } | { grid: string; codes?: undefined };

/** A finished sheet run. */
export interface CardSheet {
  pdf: Uint8Array;
  cards: number;
  /** ASCII, for the file name and the page foot */
  label: string;
}

/**
 * A4 sheets for the codes given (in the order given, duplicates once) or for every component of
 * a grid (in code order).
 *
 * @throws 404 for unknown codes or grid, or a grid without components; 400 for more than maxCardsPerRun;
 *   429 while another run is in progress
 */
export async function renderCardSheet(knex: Knex, request: SheetRequest, baseUrl: string): Promise<CardSheet> {
  // one run at a time: a run keeps both cores busy and holds its cards in memory until the PDF is saved
  if (sheetRunning) throw tooManyRequests('another ID card sheet run is in progress: try again when it has finished');
  sheetRunning = true;
  try {
    return await buildSheet(knex, request, baseUrl);
  } finally {
    sheetRunning = false;
  }
}

let sheetRunning = false;

async function buildSheet(knex: Knex, request: SheetRequest, baseUrl: string): Promise<CardSheet> {
  const { codes, label } = await sheetCodes(knex, request);
  const [rows, district] = await Promise.all([findCardRows(knex, codes), districtOf(knex)]);
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const unknown = codes.filter((code) => !byCode.has(code));
  if (unknown.length) throw new HttpError(404, 'not_found', `no component with code ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`, { unknown });

  const sheet = await CardSheetBuilder.create(label);
  const ordered = codes.map((code) => byCode.get(code)!);
  const render = async (row: CardRow) => renderCard(cardContent(row, district, baseUrl), { thumbnail: await thumbnailOf(row) });
  // a small window of renders in flight; cards join the sheet in order
  const inFlight: Promise<Buffer>[] = [];
  let next = 0;
  while (next < ordered.length || inFlight.length) {
    while (next < ordered.length && inFlight.length < renderConcurrency) {
      const card = render(ordered[next++]!);
      // observed here too: when an earlier card fails, the later ones must not crash the process unobserved
      card.catch(() => undefined);
      inFlight.push(card);
    }
    sheet.add(await inFlight.shift()!);
  }
  return { pdf: await sheet.save(), cards: sheet.cards, label };
}

async function sheetCodes(knex: Knex, request: SheetRequest): Promise<{ codes: string[]; label: string }> {
  if (request.codes) {
    const codes = [...new Set(request.codes)];
    return { codes, label: codes.length === 1 ? codes[0]! : `${codes.length} components` };
  }
  const grid = await findGrid(knex, request.grid);
  if (!grid) throw notFound(`no grid with code ${request.grid}: see GET /api/grids`);
  const { codes, count } = await findGridComponentCodes(knex, grid.id, maxCardsPerRun);
  if (count === 0) throw notFound(`grid ${request.grid} holds no components: nothing to print`);
  if (count > maxCardsPerRun) {
    throw badRequest(`grid ${request.grid} holds ${count} components; one sheet run prints at most ${maxCardsPerRun}: print its communities or base grids one by one`, {
      count,
      max: maxCardsPerRun,
    });
  }
  return { codes, label: `grid ${request.grid}` };
}

/** The card's content from its row. */
export function cardContent(row: CardRow, district: CardContent['district'], baseUrl: string): CardContent {
  return {
    code: row.code,
    url: componentUrl(baseUrl, row.code),
    className: { zh: row.class_name_zh, en: row.class_name_en },
    department: row.department_name_zh === null ? null : { zh: row.department_name_zh, en: row.department_name_en ?? '' },
    gridPath: [row.town_name_zh, row.community_name_zh, row.grid_name_zh].filter((name): name is string => name !== null),
    gridCode: row.grid_code,
    surveyDate: surveyDateOf(row),
    district,
  };
}

/** The surveyed date the contractor wrote, else the day the batch was committed (China time). */
export function surveyDateOf(row: Pick<CardRow, 'survey_date_text' | 'survey_batch_committed_at'>): string | null {
  const surveyed = row.survey_date_text ? parseSurveyDate(row.survey_date_text) : null;
  if (surveyed) return surveyed;
  if (!row.survey_batch_committed_at) return null;
  return chinaDate.format(new Date(row.survey_batch_committed_at));
}

// en-CA formats as YYYY-MM-DD
const chinaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

async function districtOf(knex: Knex): Promise<CardContent['district']> {
  const district = await findDistrict(knex);
  return district ? { zh: district.name_zh, en: district.name_en } : { zh: '', en: '' };
}

/** The photo's thumbnail bytes; a missing file prints the placeholder rather than failing the card. */
async function thumbnailOf(row: CardRow): Promise<Buffer | undefined> {
  return row.photo ? readPhoto(row.photo.trim(), 'thumb') : undefined;
}
