/**
 * Middleware for routers that do not go through defineRoute (OGC API): the request must come from a
 * signed-in user with one of the roles. 401 carries `WWW-Authenticate: Bearer` so GIS clients
 * know to send their token.
 */
import type { NextFunction, Request, Response } from 'express';
import { forbidden, unauthorized } from '../http/errors.ts';
import type { Role } from '../users/role.ts';

export function requireRole(roles: readonly Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = req.principal;
    if (!principal) {
      res.setHeader('www-authenticate', 'Bearer realm="civicgrid"');
      return next(unauthorized());
    }
    if (!roles.includes(principal.role)) return next(forbidden(`${req.method} ${req.baseUrl}${req.path} needs one of the roles ${roles.join(', ')}; you are ${principal.role}`));
    next();
  };
}
