/**
 * The `datetime` parameter of OGC API – Features: an RFC 3339 instant, or an interval `start/end`
 * whose open end is `..` or empty. A bare date (`2024-03-04`) stands for that whole UTC day.
 */

/** A closed time interval; a missing bound is open. */
export interface TimeInterval {
  start?: Date;
  end?: Date;
}

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/**
 * Parses a `datetime` value; returns the interval, or a message saying what is wrong.
 *
 * @example
 * parseDatetime('2024-03-01T00:00:00Z/..') // → { start: 2024-03-01T00:00:00.000Z }
 * parseDatetime('2024-03-04') // → { start: 2024-03-04T00:00:00.000Z, end: 2024-03-04T23:59:59.999Z }
 */
export function parseDatetime(value: string): TimeInterval | string {
  const parts = value.split('/');
  if (parts.length === 1) {
    const instant = parseInstant(parts[0]!);
    return instant ?? `datetime ${JSON.stringify(value)} is not an RFC 3339 date-time (e.g. 2024-03-04T08:00:00Z) or an interval start/end`;
  }
  if (parts.length !== 2) return `datetime ${JSON.stringify(value)} has more than one "/"`;
  const [from, to] = parts as [string, string];
  const open = (part: string) => part === '' || part === '..';
  if (open(from) && open(to)) return 'datetime: an interval needs at least one bound (../.. is not allowed)';
  const start = open(from) ? undefined : parseInstant(from)?.start;
  const end = open(to) ? undefined : parseInstant(to)?.end;
  if (!open(from) && !start) return `datetime: the start ${JSON.stringify(from)} is not an RFC 3339 date-time`;
  if (!open(to) && !end) return `datetime: the end ${JSON.stringify(to)} is not an RFC 3339 date-time`;
  if (start && end && start > end) return 'datetime: the interval starts after it ends';
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** An instant as a degenerate interval; a date as its whole UTC day. */
function parseInstant(text: string): Required<TimeInterval> | undefined {
  const dateTime = dateTimePattern.exec(text);
  if (dateTime) {
    if (!validCalendarDate(dateTime[1]!, dateTime[2]!, dateTime[3]!) || Number(dateTime[4]) > 23 || Number(dateTime[5]) > 59 || Number(dateTime[6]) > 60) return undefined;
    const at = new Date(text.toUpperCase());
    return Number.isNaN(at.getTime()) ? undefined : { start: at, end: at };
  }
  const date = datePattern.exec(text);
  if (date && validCalendarDate(date[1]!, date[2]!, date[3]!)) {
    const start = new Date(`${text}T00:00:00Z`);
    return { start, end: new Date(start.getTime() + dayMs - 1) };
  }
  return undefined;
}

/** Rejects 2024-02-30 and the like, which Date would roll over into March. */
function validCalendarDate(year: string, month: string, day: string): boolean {
  const at = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return at.getUTCFullYear() === Number(year) && at.getUTCMonth() === Number(month) - 1 && at.getUTCDate() === Number(day);
}
