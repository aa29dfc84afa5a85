/**
 * The pages and who sees them. The server decides what each role may do; the navigation only
 * leaves out what a role cannot use.
 */
import type { Role } from '../session/use-session.ts';

export type PageId = 'map' | 'cases' | 'department' | 'surveys' | 'dashboard';

export interface PageEntry {
  id: PageId;
  path: string;
  roles: readonly Role[];
}

export const pages: readonly PageEntry[] = [
  { id: 'map', path: '/map', roles: ['dispatcher', 'inspector', 'admin'] },
  { id: 'cases', path: '/cases', roles: ['dispatcher', 'inspector', 'admin'] },
  { id: 'department', path: '/department', roles: ['owner'] },
  { id: 'surveys', path: '/surveys', roles: ['contractor', 'dispatcher', 'admin'] },
  { id: 'dashboard', path: '/dashboard', roles: ['dispatcher', 'admin', 'owner'] },
];

/** The pages a role sees, in menu order. */
export function pagesFor(role: Role): PageEntry[] {
  return pages.filter((page) => page.roles.includes(role));
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/map';
}
