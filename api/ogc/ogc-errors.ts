/**
 * Errors under /ogc answer as OGC API exceptions (`{code, description}`, the exception schema of
 * OGC API – Features Part 1) with the HTTP status: 400 for bad parameters, 404 for unknown
 * collections, features and paths. Unknown errors are logged and answered as a bare 500.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, notFound } from '../http/errors.ts';

/** The exception codes used, by HTTP status (after OGC Web Services practice). */
const exceptionCodes: Record<number, string> = {
  400: 'InvalidParameterValue',
  404: 'NotFound',
  406: 'NotAcceptable',
  500: 'NoApplicableCode',
};

/** Anything under /ogc that no route answered. */
export const ogcNotFound: RequestHandler = (req, _res, next) => {
  next(notFound(`no OGC API resource at ${req.originalUrl.split('?')[0]}`));
};

/** Renders errors raised under /ogc. */
export const ogcErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toHttpError(error);
  if (!known) req.log.error({ err: error }, 'unhandled error');
  const status = known?.status ?? 500;
  if (res.headersSent) return res.end();
  res.status(status).json({
    code: exceptionCodes[status] ?? (status < 500 ? 'InvalidRequest' : 'NoApplicableCode'),
    description: known?.message ?? 'internal error: the server log has the details under this request id',
    ...(known?.details === undefined ? {} : { details: known.details }),
    request_id: String(req.id),
  });
};

function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  // express's own 4xx errors, e.g. a path segment that is not valid percent-encoding
  const e = error as { status?: number; message?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad_request', e.message ?? 'bad request');
  return undefined;
}
