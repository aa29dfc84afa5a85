/**
 * The typed API client: openapi-fetch over the paths that openapi-typescript generated from the
 * server's OpenAPI document (web/src/api/openapi.d.ts, `npm run api:types`). Same origin, the
 * session travels in the httpOnly cookie set at sign-in.
 *
 * @example
 *   const { data, error } = await api.GET('/api/components/{code}', { params: { path: { code } } });
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './openapi.d.ts';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** The schemas of the API by name, e.g. `Schema<'Component'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The message of an API error answer (`{error: {code, message}}`), or a fallback. */
export function errorMessage(error: unknown, fallback = 'request failed'): string {
  const message = (error as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' ? message : fallback;
}
