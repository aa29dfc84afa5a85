/**
 * Reads civicgrid's reference data from data/: GB/T 30428.2 classes, departments, responsibility
 * rules and the grid hierarchy. Pure file reading and checking; the seed writes it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { rootDir } from '../api/config.ts';

export const dataDir = path.join(rootDir, 'data');

const componentClassRow = z.object({
  major_code: z.string().regex(/^\d{2}$/),
  major_name_zh: z.string().min(1),
  major_name_en: z.string().min(1),
  sub_code: z.string().regex(/^\d{4}$/),
  sub_name_zh: z.string().min(1),
  sub_name_en: z.string().min(1),
  geometry: z.enum(['point', 'line', 'polygon']),
  notes: z.string().optional(),
});
const eventClassRow = componentClassRow.omit({ geometry: true });

const department = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  kind: z.enum(['centre', 'government', 'enterprise']),
  /** Short names people write for it (权属单位 in surveys): 供电公司, 交警大队 … */
  aliases: z.array(z.string().min(2)).default([]),
});
const responsibilityRule = z.object({
  sub_code: z.string().regex(/^\d{4}$/),
  department: z.string().min(1),
  case_class: z.enum(['A', 'B', 'C']),
  grid_code: z.string().optional(),
  note: z.string().optional(),
});
const gridFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.string().regex(/^\d+$/),
    level: z.number().int().min(1).max(4),
    parent_code: z.string().nullable(),
    name_zh: z.string().min(1),
    name_en: z.string().min(1),
  }),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }),
});

const matchTolerance = z.object({
  description: z.string().optional(),
  default_m: z.number().positive().max(100),
  by_class: z.record(z.string().regex(/^\d{4}$/), z.number().positive().max(100)),
});

export type MatchTolerance = z.infer<typeof matchTolerance>;
export type ComponentClassRow = z.infer<typeof componentClassRow>;
export type EventClassRow = z.infer<typeof eventClassRow>;
export type DepartmentRow = z.infer<typeof department>;
export type ResponsibilityRuleRow = z.infer<typeof responsibilityRule>;
export type GridFeature = z.infer<typeof gridFeature>;

/** Everything the reference seed loads, plus a hash of the files it came from. */
export interface ReferenceData {
  componentClasses: ComponentClassRow[];
  eventClasses: EventClassRow[];
  departments: DepartmentRow[];
  responsibilityRules: ResponsibilityRuleRow[];
  grids: GridFeature[];
  /** Metres within which a surveyed component is the same as an inventory one of its class. */
  matchTolerance: MatchTolerance;
  hash: string;
}

export const referenceFiles = {
  componentClasses: 'mohurd/components.csv',
  eventClasses: 'mohurd/events.csv',
  departments: 'departments.json',
  responsibilityRules: 'responsibility-rules.json',
  grids: 'grids/wuzhong-grids.geojson',
  matchTolerance: 'match-tolerance.json',
} as const;

/** Reads and validates data/; a bad file fails with its name and the row at fault. */
export function readReferenceData(dir: string = dataDir): ReferenceData {
  const hash = createHash('sha256');
  const read = (file: string): string => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    hash.update(file).update(text);
    return text;
  };
  const csv = <T>(file: string, schema: z.ZodType<T>): T[] =>
    (parse(read(file), { columns: true, skip_empty_lines: true, trim: true }) as unknown[]).map((row, index) =>
      check(schema, row, `${file} row ${index + 2}`),
    );
  const json = <T>(file: string, schema: z.ZodType<T>, items: (value: unknown) => unknown[]): T[] =>
    items(JSON.parse(read(file))).map((item, index) => check(schema, item, `${file} item ${index}`));

  return {
    componentClasses: csv(referenceFiles.componentClasses, componentClassRow),
    eventClasses: csv(referenceFiles.eventClasses, eventClassRow),
    departments: json(referenceFiles.departments, department, asArray),
    responsibilityRules: json(referenceFiles.responsibilityRules, responsibilityRule, asArray),
    grids: json(referenceFiles.grids, gridFeature, (value) => asArray((value as { features?: unknown }).features)),
    matchTolerance: parseMatchTolerance(read(referenceFiles.matchTolerance)),
    hash: hash.digest('hex'),
  };
}

/**
 * Only data/match-tolerance.json: what imports and commits need, without reading (and checking)
 * every other reference file, the grids among them.
 */
export function readMatchTolerance(dir: string = dataDir): MatchTolerance {
  return parseMatchTolerance(fs.readFileSync(path.join(dir, referenceFiles.matchTolerance), 'utf8'));
}

function parseMatchTolerance(text: string): MatchTolerance {
  return check(matchTolerance, JSON.parse(text), referenceFiles.matchTolerance);
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('expected an array');
  return value;
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`data/${where}: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
  }
  return parsed.data;
}
