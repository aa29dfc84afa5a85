/**
 * 考核评价 — assessment of departments and grids over a period: who may see what, the period in
 * Asia/Shanghai days, the counts from the case log and the score from the weights in data/.
 */
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
import { dayMs, isoDate, shanghaiDay, shanghaiOffsetMs, dayNumber } from '../cases/deadlines/working-calendar.ts';
import { findDepartmentByCode } from '../departments/department.repository.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import { assessmentRates, assessmentScore } from './assessment-score.ts';
import { loadAssessmentWeights, rateNames } from './assessment-weights.ts';
import { readAssessmentCounts, type GridLevel } from './assessment.repository.ts';
import type { AssessmentQueryInput, AssessmentReport, AssessmentRow } from './assessment.schemas.ts';

const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * The report for `query` as `principal` may see it: an owner only its own department's cases,
 * a dispatcher or admin all of them, or one department's with `department=`.
 */
export async function assess(knex: Knex, principal: Principal, query: AssessmentQueryInput, now: Date = new Date()): Promise<AssessmentReport> {
  const departmentId = await departmentScope(knex, principal, query.department);
  const today = isoDate(shanghaiDay(now));
  const from = query.from ?? `${today.slice(0, 8)}01`;
  const to = query.to ?? today;
  if (from > to) throw badRequest(`from (${from}) is after to (${to})`);
  const asOf = query.as_of ? new Date(query.as_of) : now;
  const weights = loadAssessmentWeights();

  const counts = await readAssessmentCounts(knex, {
    by: query.by,
    gridLevel: query.grid_level as GridLevel,
    from: shanghaiMidnight(from, 0),
    to: shanghaiMidnight(to, 1),
    asOf,
    departmentId,
  });
  const groups: AssessmentRow[] = counts.map(({ avg_disposal_hours, ...row }) => {
    const rates = assessmentRates(row);
    return {
      ...row,
      on_time_rate: round(rates.on_time_rate, 4),
      closure_rate: round(rates.closure_rate, 4),
      rework_rate: round(rates.rework_rate, 4),
      overdue_rate: round(rates.overdue_rate, 4),
      avg_disposal_hours: round(avg_disposal_hours, 2),
      score: assessmentScore(rates, weights),
    };
  });
  // best first; groups without a score last; ties by code so the order is stable
  groups.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.group.code.localeCompare(b.group.code));

  return {
    from,
    to,
    as_of: asOf.toISOString(),
    by: query.by,
    grid_level: query.by === 'grid' ? query.grid_level : null,
    weights: Object.fromEntries(rateNames.map((name) => [name, { weight: weights.figures[name].weight, better: weights.figures[name].better }])),
    groups,
  };
}

async function departmentScope(knex: Knex, principal: Principal, code: string | undefined): Promise<number | undefined> {
  if (principal.role === 'owner') {
    if (principal.departmentId === null) throw forbidden('an owner account without a department has nothing to assess');
    return principal.departmentId;
  }
  if (code === undefined) return undefined;
  const department = await findDepartmentByCode(knex, code);
  if (!department) throw badRequest(`unknown department ${code}`);
  return department.id;
}

/** Midnight (Asia/Shanghai) at the start of `day` plus `plusDays` days, as an instant. */
function shanghaiMidnight(day: string, plusDays: number): Date {
  return new Date((dayNumber(day) + plusDays) * dayMs - shanghaiOffsetMs);
}
