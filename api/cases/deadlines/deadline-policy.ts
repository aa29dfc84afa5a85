/**
 * 处置时限 — the deadline policy: for each case class (A/B/C) a limit per step, in natural hours
 * (A) or working hours (B, C) against the working calendar. Read from data/cases/ once:
 * deadline-policy.json and every calendar-YYYY.json beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { rootDir } from '../../config.ts';
import { calendarYearSchema, WorkingCalendar, type CalendarYear } from './working-calendar.ts';
import { addWorkingHours, workingPeriods, type WorkingSchedule } from './working-time.ts';

/** The five timed steps: 核实 verify, 立案 file, 派遣 dispatch, 处置 dispose, 核查 check. */
export const caseSteps = ['verify', 'file', 'dispatch', 'dispose', 'check'] as const;
export type CaseStep = (typeof caseSteps)[number];

/** A 紧急/urgent, B 一般/ordinary, C 轻微/minor. */
export const caseClasses = ['A', 'B', 'C'] as const;
export type CaseClass = (typeof caseClasses)[number];

/** Where the case data lives by default. */
export const caseDataDir = path.join(rootDir, 'data', 'cases');

const hours = z.number().positive().max(24 * 366);
const classPolicySchema = z.object({
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  /** natural: clock hours, day and night; working: only working periods of workdays count. */
  clock: z.enum(['natural', 'working']),
  hours: z.object({ verify: hours, file: hours, dispatch: hours, dispose: hours, check: hours }).strict(),
});

const policyFileSchema = z.object({
  description: z.string().optional(),
  time_zone: z.literal('Asia/Shanghai'),
  working_hours: z.array(z.object({ from: z.string(), to: z.string() })).min(1),
  classes: z.object({ A: classPolicySchema, B: classPolicySchema, C: classPolicySchema }).strict(),
});

export type ClassPolicy = z.infer<typeof classPolicySchema>;

/** The policy, ready to compute deadlines. */
export interface DeadlinePolicy {
  classes: Record<CaseClass, ClassPolicy>;
  schedule: WorkingSchedule;
  /** Calendar years marked provisional (dates derived by hand, not from the official notice). */
  provisionalYears: number[];
}

const cache = new Map<string, DeadlinePolicy>();

/** The policy in data/cases/, read and checked on first use, then kept. */
export function loadDeadlinePolicy(dir: string = caseDataDir): DeadlinePolicy {
  let policy = cache.get(dir);
  if (!policy) {
    policy = readDeadlinePolicy(dir);
    cache.set(dir, policy);
  }
  return policy;
}

/** Reads and checks the policy and calendars in `dir` (uncached); a bad file fails naming it. */
export function readDeadlinePolicy(dir: string = caseDataDir): DeadlinePolicy {
  const policy = parseFile(dir, 'deadline-policy.json', (value) => policyFileSchema.parse(value));
  const calendars = fs
    .readdirSync(dir)
    .filter((name) => /^calendar-\d{4}\.json$/.test(name))
    .sort()
    .map((name) => {
      const calendar: CalendarYear = parseFile(dir, name, (value) => calendarYearSchema.parse(value));
      if (name !== `calendar-${calendar.year}.json`) throw new Error(`data/cases/${name}: holds the year ${calendar.year}`);
      return calendar;
    });
  let periods;
  try {
    periods = workingPeriods(policy.working_hours);
  } catch (error) {
    throw new Error(`data/cases/deadline-policy.json: ${(error as Error).message}`);
  }
  return {
    classes: policy.classes,
    schedule: { calendar: new WorkingCalendar(calendars), periods },
    provisionalYears: calendars.filter((calendar) => calendar.provisional).map((calendar) => calendar.year),
  };
}

function parseFile<T>(dir: string, name: string, parse: (value: unknown) => T): T {
  const where = `data/cases/${name}`;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  try {
    return parse(value);
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      throw new Error(`${where}: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
    }
    throw error;
  }
}

/**
 * The deadline of `step` for a case of `caseClass` when the step starts at `startedAt`. A-class
 * counts natural time; B and C count working hours (a MissingCalendarError names the calendar file
 * to add when the time runs into a year without one).
 *
 * @example
 * const policy = loadDeadlinePolicy();
 * stepDeadline(policy, 'A', 'dispose', new Date('2026-02-16T23:00:00+08:00')) // 2026-02-17T01:00+08:00
 * stepDeadline(policy, 'B', 'verify', new Date('2026-02-13T17:00:00+08:00'))  // 2026-02-14T09:00+08:00 (调休 Saturday)
 */
export function stepDeadline(policy: DeadlinePolicy, caseClass: CaseClass, step: CaseStep, startedAt: Date): Date {
  const rule = policy.classes[caseClass];
  const limit = rule.hours[step];
  if (rule.clock === 'natural') return new Date(startedAt.getTime() + Math.round(limit * 3600_000));
  return addWorkingHours(startedAt, limit, policy.schedule);
}
