/**
 * 问题类型目录 — the problem-type catalogue as kept in data/cases/problem-types.json: what can be
 * wrong with each component class (a cover 缺失, a lamp 不亮 …) and, for problems with no component,
 * the GB/T 30428.2 event classes; each with its default case class A/B/C. Pure file reading and
 * checking; the case-catalogue seed writes it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { caseDataDir } from '../deadlines/deadline-policy.ts';

const names = { name_zh: z.string().min(1), name_en: z.string().min(1), case_class: z.enum(['A', 'B', 'C']) };

/** A problem of a component class: code `<class>-<nn>`, e.g. `0118-01` 路灯不亮. */
const componentProblem = z
  .object({ code: z.string().regex(/^\d{4}-\d{2}$/), class_code: z.string().regex(/^\d{4}$/), ...names })
  .strict()
  .refine((row) => row.code.startsWith(`${row.class_code}-`), { message: 'code must start with its class_code' });

/** An event class used as a problem with no component: code `E<event class>`, e.g. `E0401` 路面塌陷. */
const eventProblem = z
  .object({ code: z.string().regex(/^E\d{4}$/), event_class_code: z.string().regex(/^\d{4}$/), ...names })
  .strict()
  .refine((row) => row.code === `E${row.event_class_code}`, { message: 'code must be E followed by its event_class_code' });

const entry = z.union([componentProblem, eventProblem]);

/** One catalogue entry, as the table holds it. */
export interface ProblemTypeRow {
  code: string;
  class_code: string | null;
  event_class_code: string | null;
  name_zh: string;
  name_en: string;
  case_class: 'A' | 'B' | 'C';
}

export interface ProblemTypeCatalogue {
  problemTypes: ProblemTypeRow[];
  /** sha-256 of the file, so the seed can skip an unchanged catalogue. */
  hash: string;
}

export const problemTypesFile = 'problem-types.json';

/** Reads and checks data/cases/problem-types.json; a bad entry fails with its index and code. */
export function readProblemTypeCatalogue(dir: string = caseDataDir): ProblemTypeCatalogue {
  const text = fs.readFileSync(path.join(dir, problemTypesFile), 'utf8');
  const where = `data/cases/${problemTypesFile}`;
  const items: unknown = JSON.parse(text);
  if (!Array.isArray(items)) throw new Error(`${where}: expected an array of problem types`);
  const seen = new Set<string>();
  const problemTypes = items.map((item, index): ProblemTypeRow => {
    const parsed = entry.safeParse(item);
    const code = (item as { code?: unknown } | null)?.code;
    const label = `${where} item ${index}${typeof code === 'string' ? ` (${code})` : ''}`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${label}: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
    }
    if (seen.has(parsed.data.code)) throw new Error(`${label}: the code is used twice`);
    seen.add(parsed.data.code);
    const row = parsed.data;
    return 'class_code' in row
      ? { code: row.code, class_code: row.class_code, event_class_code: null, name_zh: row.name_zh, name_en: row.name_en, case_class: row.case_class }
      : { code: row.code, class_code: null, event_class_code: row.event_class_code, name_zh: row.name_zh, name_en: row.name_en, case_class: row.case_class };
  });
  return { problemTypes, hash: createHash('sha256').update(text).digest('hex') };
}
