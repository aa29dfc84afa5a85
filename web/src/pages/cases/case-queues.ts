/**
 * The Cases page's queues, one per step of the loop that the centre works on: each queue is named
 * after its first state and lists the cases waiting for that step.
 */
import type { Schema } from '../../api/api-client.ts';

export type CaseState = Schema<'Case'>['state'];
export type TransitionAction = Schema<'CaseDetail'>['actions'][number];

export interface CaseQueue {
  /** The queue's key and `data-testid="case-queue-<id>"`. */
  id: 'reported' | 'verified' | 'filed' | 'dispatched' | 'disposed';
  states: CaseState[];
}

export const caseQueues: readonly CaseQueue[] = [
  /** 核实 — verify */
  { id: 'reported', states: ['reported'] },
  /** 立案 — file */
  { id: 'verified', states: ['verified'] },
  /** 派遣 — dispatch */
  { id: 'filed', states: ['filed'] },
  /** 处置 — dispose (the centre watches) */
  { id: 'dispatched', states: ['dispatched', 'returned'] },
  /** 核查 — check */
  { id: 'disposed', states: ['disposed'] },
];

export type QueueId = CaseQueue['id'];

/** The queue a case in `state` waits in, or undefined once it has left the loop. */
export function queueOf(state: CaseState): QueueId | undefined {
  return caseQueues.find((queue) => queue.states.includes(state))?.id;
}
