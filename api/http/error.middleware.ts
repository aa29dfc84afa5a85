/**
 * The one error middleware: typed errors become JSON with their code and status; body-parser
 * errors become 400/413; anything else is logged with the request id and answered as a bare 500.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, notFound } from './errors.ts';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound(`no route for ${req.method} ${req.originalUrl.split("?")[0]}`));
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toHttpError(error);
  if (!known) req.log.error({ err: error }, 'unhandled error');
  const status = known?.status ?? 500;
  if (res.headersSent) return res.end();
  res.status(status).json({
    error: {
      code: known?.code ?? 'internal_error',
      message: known?.message ?? 'internal error: the server log has the details under this request id',
      ...(known?.details === undefined ? {} : { details: known.details }),
      request_id: String(req.id),
    },
  });
};

function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const e = error as { type?: string; status?: number; message?: string; limit?: number };
  // errors raised by express.json()
  if (e?.type === 'entity.parse.failed') return new HttpError(400, 'malformed_json', `the request body is not valid JSON: ${e.message}`);
  if (e?.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', `the request body is larger than ${e.limit} bytes`);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new HttpError(415, 'unsupported_encoding', e.message ?? 'unsupported encoding');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new HttpError(e.status, 'bad_request', e.message ?? 'bad request');
  return undefined;
}
