/**
 * The rules of ownership confirmation (确权), as pure functions over the rows a request locked:
 * which department may act, which versions are stale, which status changes are allowed, and the
 * per-department percentages. The service applies them inside its transaction.
 *
 * Status changes:
 *   confirm  (owner)      pending            → confirmed
 *   dispute  (owner)      pending|confirmed  → disputed   (a department may take back a confirmation)
 *   reassign (centre)     disputed           → pending, owned by the new department, which confirms it itself
 *   uphold   (centre)     disputed           → confirmed, by the centre's decision: the dispute was
 *                                              heard, so the original department owns it and cannot
 *                                              leave it pending forever
 */
import { badRequest, conflict, forbidden, notFound, type HttpError } from '../http/errors.ts';
import type { OwnershipStatus } from '../components/component-filter.ts';

/** 确认 / 异议 — what an owner department does with its components. */
export type OwnershipAction = 'confirm' | 'dispute';

/** A component as locked for a change. */
export interface LockedComponent {
  id: number;
  code: string;
  department_id: number | null;
  ownership_status: OwnershipStatus;
  version: number;
}

/** The statuses each action may start from. */
export const allowedFrom: Record<OwnershipAction, readonly OwnershipStatus[]> = {
  confirm: ['pending'],
  dispute: ['pending', 'confirmed'],
};

/** The status each action leads to. */
export const actionResult: Record<OwnershipAction, OwnershipStatus> = { confirm: 'confirmed', dispute: 'disputed' };

/**
 * Why a bulk request must be refused as a whole, or null when every component may change.
 * Checked in this order: codes listed twice (400), unknown codes (404), codes of another
 * department (403), stale versions (409), statuses the action cannot start from (409).
 */
export function refuseOwnershipAction(
  requested: readonly { code: string; version: number }[],
  locked: readonly LockedComponent[],
  departmentId: number,
  action: OwnershipAction,
): HttpError | null {
  const listed = refuseListed(requested, locked);
  if (listed) return listed;
  const byCode = new Map(locked.map((c) => [c.code, c]));
  const rows = requested.map((r) => ({ asked: r, row: byCode.get(r.code)! }));
  const foreign = rows.filter(({ row }) => row.department_id !== departmentId).map(({ row }) => row.code);
  if (foreign.length) return forbidden(`these components are not your department's: ${foreign.join(', ')}`);

  const stale = rows.filter(({ asked, row }) => asked.version !== row.version).map(({ row }) => ({ code: row.code, version: row.version }));
  if (stale.length) return staleConflict(stale);

  const notAllowed = rows
    .filter(({ row }) => !allowedFrom[action].includes(row.ownership_status))
    .map(({ row }) => ({ code: row.code, ownership_status: row.ownership_status }));
  if (notAllowed.length) {
    return conflict(`cannot ${action} components that are ${[...new Set(notAllowed.map((n) => n.ownership_status))].join(' or ')}: ${notAllowed.map((n) => n.code).join(', ')}`, {
      not_allowed: notAllowed,
      allowed_from: allowedFrom[action],
    });
  }
  return null;
}

/** A 409 naming each stale component with its current version, so the client can reload them. */
/**
 * What makes a bulk request about listed components wrong whoever sends it: a code listed twice
 * (400) or unknown (404) — and, with `checkVersions`, a version that is not the current one (409).
 */
export function refuseListed(requested: readonly { code: string; version: number }[], locked: readonly LockedComponent[], checkVersions = false): HttpError | null {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { code } of requested) (seen.has(code) ? twice : seen).add(code);
  if (twice.size) return badRequest(`components listed more than once: ${[...twice].join(', ')}`, { duplicates: [...twice] });

  const byCode = new Map(locked.map((c) => [c.code, c]));
  const unknown = requested.filter((r) => !byCode.has(r.code)).map((r) => r.code);
  if (unknown.length) return notFound(`no component with code ${unknown.join(', ')}`);

  if (!checkVersions) return null;
  const stale = requested.filter((r) => byCode.get(r.code)!.version !== r.version).map((r) => ({ code: r.code, version: byCode.get(r.code)!.version }));
  return stale.length ? staleConflict(stale) : null;
}

export function staleConflict(stale: { code: string; version: number }[]): HttpError {
  return conflict(`changed since you loaded them (reload and try again): ${stale.map((s) => `${s.code} is now version ${s.version}`).join(', ')}`, { stale });
}

/** Counts of one department's components by ownership status. */
export interface StatusCounts {
  total: number;
  confirmed: number;
  pending: number;
  disputed: number;
}

/** Counts with the share of each status in percent, one decimal; 0 % of nothing is 0. */
export function withPercentages<T extends StatusCounts>(counts: T) {
  const pct = (n: number) => (counts.total === 0 ? 0 : Math.round((n / counts.total) * 1000) / 10);
  return { ...counts, confirmed_pct: pct(counts.confirmed), pending_pct: pct(counts.pending), disputed_pct: pct(counts.disputed) };
}
