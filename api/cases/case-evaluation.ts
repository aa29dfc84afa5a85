/**
 * 考核评价 — evaluation: every step a case went through, judged on time or overdue, read from its
 * event log. A step starts with the event that carries its deadline (due_at) and ends with the
 * next event that moves the case; it is on time when that event's `at` is not after the deadline.
 */
import type { CaseStep } from './deadlines/deadline-policy.ts';
import { movesCase, stepStartedBy, type CaseAction } from './case-state-machine.ts';

/** The parts of a case event the judgement reads, in log order. */
export interface LoggedEvent {
  action: CaseAction;
  at: Date;
  due_at: Date | null;
}

/** One step occurrence (dispose runs again after each return). */
export interface StepJudgement {
  step: CaseStep;
  due_at: string | null;
  done_at: string;
  /** A step without a deadline cannot run over. */
  on_time: boolean;
}

/**
 * The judged steps of a case, in order; a step still running is left out.
 *
 * @example
 * judgeSteps([
 *   { action: 'report', at: t0, due_at: t1 },   // starts verify, due t1
 *   { action: 'verify', at: t2, due_at: t3 },   // ends verify (t2 > t1: overdue), starts file
 * ]) // [{ step: 'verify', due_at: t1, done_at: t2, on_time: false }]
 */
export function judgeSteps(events: readonly LoggedEvent[]): StepJudgement[] {
  const judged: StepJudgement[] = [];
  let running: { step: CaseStep; due_at: Date | null } | null = null;
  for (const event of events) {
    if (!movesCase(event.action)) continue;
    if (running) {
      judged.push({
        step: running.step,
        due_at: running.due_at?.toISOString() ?? null,
        done_at: event.at.toISOString(),
        on_time: running.due_at === null || event.at.getTime() <= running.due_at.getTime(),
      });
    }
    const started = stepStartedBy(event.action);
    running = started ? { step: started, due_at: event.due_at } : null;
  }
  return judged;
}
