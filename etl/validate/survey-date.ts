/**
 * Survey dates as contractors write them: 2024-03-05, 20240305, 2024/3/5, 2024.03.05,
 * 2024年3月5日, with or without a time of day; full-width digits too.
 */

const PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];
const TIME_OF_DAY = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/**
 * The ISO date ('YYYY-MM-DD') a text names, or null when it names none (including 2024-02-30).
 *
 * @example
 * parseSurveyDate('2024年3月5日')        // '2024-03-05'
 * parseSurveyDate('20240305')            // '2024-03-05'
 * parseSurveyDate('2024/03/05 10:22:31') // '2024-03-05'
 * parseSurveyDate('2024-02-30')          // null
 */
export function parseSurveyDate(text: string): string | null {
  // a survey has a few hundred distinct dates over hundreds of thousands of rows
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parse(text);
  if (cache.size < CACHE_LIMIT) cache.set(text, parsed);
  return parsed;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, string | null>();

function parse(text: string): string | null {
  const t = text.normalize('NFKC').trim().replace(TIME_OF_DAY, '');
  for (const pattern of PATTERNS) {
    const m = pattern.exec(t);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return date.toISOString().slice(0, 10);
  }
  return null;
}

/**
 * Today's date in China Standard Time (UTC+8), as 'YYYY-MM-DD'.
 *
 * @example
 * chinaToday(new Date('2024-03-04T20:00:00Z')) // '2024-03-05'
 */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
