// Errors the API returns: application/problem+json (RFC 9457) with a stable `code` clients can branch on.
// Only AppError messages are shown to callers; anything else becomes a generic 500 (details go to the log).
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { z } from 'zod';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);

export function sendProblem(
  res: Response,
  status: number,
  code: string,
  title: string,
  extra: object = {},
): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: `https://interlog.dev/problems/${code}`, title, status, code, ...extra });
}

export const notFoundHandler: RequestHandler = (req, res) =>
  sendProblem(res, 404, 'route_not_found', `No route for ${req.method} ${req.path}`);

export function problemHandler(log: { error: (o: object, msg: string) => void }): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof AppError) {
      return sendProblem(res, err.status, err.code, err.message, err.details ? { errors: err.details } : {});
    }
    if (err instanceof z.ZodError) {
      return sendProblem(res, 400, 'validation_failed', 'The request is not valid', {
        errors: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    // Body-parser errors carry a status and type (malformed JSON, body too large).
    const e = err as { status?: number; type?: string };
    if (e.type === 'entity.too.large')
      return sendProblem(res, 413, 'body_too_large', 'The request body is too large');
    if (e.type === 'entity.parse.failed')
      return sendProblem(res, 400, 'malformed_json', 'The request body is not valid JSON');
    if (e.status && e.status >= 400 && e.status < 500) {
      return sendProblem(res, e.status, 'bad_request', 'The request could not be processed');
    }
    log.error({ err, path: req.path }, 'unhandled error');
    return sendProblem(res, 500, 'internal_error', 'Something went wrong on our side');
  };
}
