/**
 * Typed errors: each carries a stable code and an HTTP status; the error middleware turns them
 * into JSON. Anything else is an internal error: logged, never shown to the client.
 */

/** An error the client caused or may act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
export const validationFailed = (message: string, details?: unknown) => new HttpError(400, 'validation_failed', message, details);
export const unauthorized = (message = 'sign in first: send Authorization: Bearer <token>') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);
export const payloadTooLarge = (message: string) => new HttpError(413, 'payload_too_large', message);
export const tooManyRequests = (message: string) => new HttpError(429, 'too_many_requests', message);
