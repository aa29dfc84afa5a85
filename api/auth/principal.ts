/** Who is making a request, as established by the auth middleware. */
import type { Role } from '../users/role.ts';

export interface Principal {
  userId: number;
  username: string;
  role: Role;
  departmentId: number | null;
  sessionId: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the auth middleware when a valid session token came with the request. */
      principal?: Principal;
    }
  }
}
