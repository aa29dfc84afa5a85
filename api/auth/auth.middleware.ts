/**
 * Reads the session token (Authorization: Bearer, or the web's httpOnly cookie) and sets
 * req.principal. A bearer token that is present but invalid is refused outright rather than
 * ignored; an expired cookie is cleared and the request goes on signed out (the web then shows
 * its sign-in form instead of an error).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { unauthorized } from '../http/errors.ts';
import { findPrincipalByToken, hashToken } from './session.repository.ts';
import type { SessionCache } from './session-cache.ts';

export const sessionCookie = 'civicgrid_session';

/** `sessions` (optional) keeps principals for a few seconds: see session-cache.ts. */
export function authenticate(knex: Knex, sessions?: SessionCache) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = readToken(req);
      if (token === undefined) return next();
      const key = sessions && hashToken(token.value);
      let principal = key ? sessions!.get(key) : undefined;
      if (!principal) {
        principal = await findPrincipalByToken(knex, token.value);
        if (principal && key) sessions!.set(key, principal);
      }
      if (!principal && token.from === 'cookie') {
        res.clearCookie(sessionCookie, { path: '/' });
        return next();
      }
      if (!principal) throw unauthorized('the session token is invalid or has expired: sign in again');
      req.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

function readToken(req: Request): { value: string; from: 'header' | 'cookie' } | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
    return { value: match[1]!, from: 'header' };
  }
  const cookie = (req.cookies as Record<string, string> | undefined)?.[sessionCookie];
  return cookie ? { value: cookie, from: 'cookie' } : undefined;
}
