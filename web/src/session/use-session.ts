/**
 * Who is signed in. The session lives in the httpOnly cookie the server sets at sign-in; this hook
 * asks /api/auth/session once, and signs in and out through the API. The user's department comes with it
 * (owners act only for their own).
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, type Schema } from '../api/api-client.ts';

export type Role = Schema<'User'>['role'];

export interface Session {
  user: Schema<'User'>;
  /** The user's department (owners always have one), with its names. */
  department: { id: number; code: string; name_zh: string; name_en: string } | null;
}

export type SessionState = { status: 'loading' } | { status: 'signed-out'; error?: string } | { status: 'signed-in'; session: Session };

async function loadSession(user: Schema<'User'>): Promise<Session> {
  if (user.department_id === null) return { user, department: null };
  const { data } = await api.GET('/api/departments');
  const department = data?.find((d) => d.id === user.department_id) ?? null;
  return { user, department: department && { id: department.id, code: department.code, name_zh: department.name_zh, name_en: department.name_en } };
}

export function useSession(): { state: SessionState; signIn(username: string, password: string): Promise<void>; signOut(): Promise<void> } {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    api
      .GET('/api/auth/session')
      .then(async ({ data }) => {
        const next: SessionState = data?.user ? { status: 'signed-in', session: await loadSession(data.user) } : { status: 'signed-out' };
        if (live) setState(next);
      })
      .catch(() => live && setState({ status: 'signed-out' }));
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const { data, error } = await api.POST('/api/auth/login', { body: { username, password } });
    if (!data) {
      setState({ status: 'signed-out', error: errorMessage(error, 'sign-in failed') });
      return;
    }
    setState({ status: 'signed-in', session: await loadSession(data.user) });
  }, []);

  const signOut = useCallback(async () => {
    await api.POST('/api/auth/logout').catch(() => undefined);
    setState({ status: 'signed-out' });
  }, []);

  return { state, signIn, signOut };
}
