/** SQL for assessment (考核评价): counts per department or grid from case_events (assessment.sql). */
import fs from 'node:fs';
import type { Knex } from 'knex';
import type { AssessmentCounts } from './assessment-score.ts';

const assessmentSql = fs.readFileSync(new URL('./assessment.sql', import.meta.url), 'utf8');

/** Grid levels one can group by: 2 town/street, 3 community, 4 base grid. */
export type GridLevel = 2 | 3 | 4;

export interface AssessmentQuery {
  by: 'department' | 'grid';
  gridLevel: GridLevel;
  /** The cohort: cases dispatched in [from, to). */
  from: Date;
  to: Date;
  /** What happened to them is counted up to this instant. */
  asOf: Date;
  /** Only cases dispatched to this department. */
  departmentId?: number;
}

/** A department or grid the figures are about. */
export interface AssessmentGroup {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  /** The grid level; null for a department. */
  level: number | null;
}

export interface GroupCounts extends AssessmentCounts {
  group: AssessmentGroup;
  /** Mean natural hours from the start of a dispose step to the disposal; null without one. */
  avg_disposal_hours: number | null;
}

interface Row {
  group_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  level: number | null;
  received: string;
  disposals: string;
  disposed_on_time: string;
  overdue: string;
  judged_dispose_steps: string;
  returns: string;
  closed: string;
  avg_disposal_hours: string | number | null;
}

/** Counts for every department (or grid at the level asked) that received a case in the period. */
export async function readAssessmentCounts(knex: Knex, query: AssessmentQuery): Promise<GroupCounts[]> {
  const result = await knex.raw(assessmentSql, {
    by: query.by,
    grid_level: query.gridLevel,
    department_id: query.departmentId ?? null,
    from: query.from,
    to: query.to,
    as_of: query.asOf,
  });
  return (result.rows as Row[]).map((row) => ({
    group: { id: Number(row.group_id), code: row.code, name_zh: row.name_zh, name_en: row.name_en, level: row.level === null ? null : Number(row.level) },
    received: Number(row.received),
    disposals: Number(row.disposals),
    disposed_on_time: Number(row.disposed_on_time),
    overdue: Number(row.overdue),
    judged_dispose_steps: Number(row.judged_dispose_steps),
    returns: Number(row.returns),
    closed: Number(row.closed),
    avg_disposal_hours: row.avg_disposal_hours === null ? null : Number(row.avg_disposal_hours),
  }));
}
