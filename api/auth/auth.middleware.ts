/**
 * Reads the session token (Authorization: Bearer, or the web's httpOnly cookie) and sets
 * req.principal. A token that is present but invalid is refused outright rather than ignored.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import { unauthorized } from '../http/errors.ts';
import { findPrincipalByToken } from './session.repository.ts';

export const sessionCookie = 'civicgrid_session';

export function authenticate(knex: Knex) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const token = readToken(req);
      if (token === undefined) return next();
      const principal = await findPrincipalByToken(knex, token);
      if (!principal) throw unauthorized('the session token is invalid or has expired: sign in again');
      req.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

function readToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthorized('the Authorization header must be "Bearer <token>"');
    return match[1];
  }
  const cookie = (req.cookies as Record<string, string> | undefined)?.[sessionCookie];
  return cookie || undefined;
}
