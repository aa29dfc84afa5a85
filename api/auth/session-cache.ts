/**
 * Signed-in principals kept for a few seconds by token hash, so that a burst of requests (a map
 * fetching tiles) asks the database once instead of once per request. Sign-out in this process
 * forgets the session at once; a session ended elsewhere (another server process) stays usable
 * here for at most the TTL.
 */
import type { Principal } from './principal.ts';

export class SessionCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.principal;
  }

  set(tokenHash: string, principal: Principal, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { principal, until: now + this.ttlMs });
  }

  /** Forgets every cached token of a session (sign-out). */
  forgetSession(sessionId: number): void {
    for (const [key, entry] of this.entries) if (entry.principal.sessionId === sessionId) this.entries.delete(key);
  }
}
