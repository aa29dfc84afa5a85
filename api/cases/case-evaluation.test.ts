/** Judging a case's steps from its log: one judgement per step occurrence, rework included. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeSteps, type LoggedEvent } from './case-evaluation.ts';

const t = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`);
const iso = (hhmm: string) => t(hhmm).toISOString();

test('a case closed after one rework: six steps, each judged against the deadline its starting event carried', () => {
  const log: LoggedEvent[] = [
    { action: 'report', at: t('09:00'), due_at: t('10:00') },
    { action: 'join', at: t('09:10'), due_at: null }, // a second report moves nothing
    { action: 'verify', at: t('09:30'), due_at: t('10:30') }, // verify on time
    { action: 'overdue', at: t('10:31'), due_at: null }, // the sweep's note moves nothing either
    { action: 'file', at: t('10:45'), due_at: t('11:45') }, // file late (10:45 > 10:30)
    { action: 'dispatch', at: t('11:45'), due_at: t('14:00') }, // dispatch exactly at the deadline: on time
    { action: 'dispose', at: t('13:00'), due_at: t('15:00') },
    { action: 'return', at: t('15:30'), due_at: t('16:00') }, // check late; rework starts dispose again
    { action: 'dispose', at: t('16:30'), due_at: t('17:00') }, // second dispose late
    { action: 'close', at: t('16:50'), due_at: null },
  ];
  assert.deepEqual(judgeSteps(log), [
    { step: 'verify', due_at: iso('10:00'), done_at: iso('09:30'), on_time: true },
    { step: 'file', due_at: iso('10:30'), done_at: iso('10:45'), on_time: false },
    { step: 'dispatch', due_at: iso('11:45'), done_at: iso('11:45'), on_time: true },
    { step: 'dispose', due_at: iso('14:00'), done_at: iso('13:00'), on_time: true },
    { step: 'check', due_at: iso('15:00'), done_at: iso('15:30'), on_time: false },
    { step: 'dispose', due_at: iso('16:00'), done_at: iso('16:30'), on_time: false },
    { step: 'check', due_at: iso('17:00'), done_at: iso('16:50'), on_time: true },
  ]);
});

test('not filed after verifying: verify and file judged, nothing after', () => {
  const log: LoggedEvent[] = [
    { action: 'report', at: t('09:00'), due_at: t('10:00') },
    { action: 'verify', at: t('09:20'), due_at: t('10:20') },
    { action: 'not_file', at: t('11:00'), due_at: null },
  ];
  assert.deepEqual(judgeSteps(log), [
    { step: 'verify', due_at: iso('10:00'), done_at: iso('09:20'), on_time: true },
    { step: 'file', due_at: iso('10:20'), done_at: iso('11:00'), on_time: false },
  ]);
});

test('a step still running is not judged; a step without a deadline cannot be late', () => {
  assert.deepEqual(judgeSteps([{ action: 'report', at: t('09:00'), due_at: t('10:00') }]), []);
  assert.deepEqual(judgeSteps([
    { action: 'report', at: t('09:00'), due_at: null },
    { action: 'verify', at: t('23:00'), due_at: t('23:30') },
  ]), [{ step: 'verify', due_at: null, done_at: iso('23:00'), on_time: true }]);
});
