// Mounts route specs on an Express router: authentication and role check first (nothing is read from an
// unauthenticated body), then content type, body limit and parsing, then strict zod validation of params,
// query and body, then the handler. Outside production every JSON answer is checked against its schema.
import express, { type RequestHandler, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Authenticator } from '../http/auth/authenticate.js';
import { ANONYMOUS, type Caller } from '../http/auth/identity.js';
import { AppError, sendProblem } from '../http/problem.js';
import type { Logger } from '../logging/logger.js';
import { clientOf, type AuditService } from '../services/audit.js';
import type { Access, RouteSpec } from './route.js';

export const JSON_LIMIT = '100kb';
export const CSV_LIMIT = '5mb';

export interface MountOptions {
  authenticator: Authenticator;
  log: Logger;
  validateResponses: boolean;
  /** Where routes with an `audit` record what they did (none: nothing recorded). */
  audit?: Pick<AuditService, 'record'>;
}

export function allows(access: Access, caller: Caller): boolean {
  switch (access) {
    case 'public':
    case 'user':
      return true;
    case 'staff':
      return caller.roles.length > 0;
    case 'admin':
      return caller.roles.includes('admin');
  }
}

function authStep(spec: RouteSpec, authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    if (spec.access === 'public') {
      res.locals.caller = ANONYMOUS;
      return next();
    }
    let caller: Caller;
    try {
      caller = await authenticator.authenticate(req);
    } catch (err) {
      if (err instanceof AppError && err.status === 401) {
        const hasToken = typeof req.headers.authorization === 'string';
        res.setHeader(
          'WWW-Authenticate',
          `Bearer realm="interlog"${hasToken ? ', error="invalid_token"' : ''}`,
        );
      }
      throw err;
    }
    if (!allows(spec.access, caller)) {
      throw new AppError(
        403,
        'forbidden',
        spec.access === 'admin' ? 'Only an admin may do this' : 'Your account is not set up as a salesperson',
      );
    }
    res.locals.caller = caller;
    next();
  };
}

function hasBody(req: express.Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function bodySteps(spec: RouteSpec): RequestHandler[] {
  const csv = spec.bodyType === 'csv';
  const type = csv ? ['text/csv', 'text/plain'] : ['application/json', 'application/*+json'];
  const contentType: RequestHandler = (req, _res, next) => {
    if (hasBody(req) && !req.is(type)) {
      throw new AppError(
        415,
        'unsupported_media_type',
        `The request body must be ${csv ? 'text/csv' : 'application/json'}`,
      );
    }
    next();
  };
  const parser = csv
    ? express.text({ type, limit: CSV_LIMIT })
    : express.json({ type, limit: spec.jsonLimit ?? JSON_LIMIT, strict: true });
  return [contentType, parser];
}

/** Validation errors name where the problem is (params./query./body.) but never echo the values. */
function parseOrThrow<T extends z.core.$ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = z.safeParse(schema, value);
  if (r.success) return r.data;
  throw new AppError(
    400,
    'validation_failed',
    'The request is not valid',
    r.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message })),
  );
}

const NO_QUERY = z.strictObject({});
const NO_BODY = z.union([z.undefined(), z.strictObject({})]);

function handlerStep(spec: RouteSpec, o: MountOptions): RequestHandler {
  return async (req, res) => {
    const params = spec.params ? parseOrThrow(spec.params, { ...req.params }, 'params') : undefined;
    const query = parseOrThrow(spec.query ?? NO_QUERY, { ...(req.query as object) }, 'query');
    const body = parseOrThrow(spec.body ?? NO_BODY, req.body, 'body');
    const caller = res.locals.caller as Caller;
    const reply = await spec.handle({ params, query, body, caller, req, res, log: req.log ?? o.log });
    const status = reply.status ?? spec.success.status;
    if (spec.audit && o.audit && status < 400) {
      // Recorded before the answer goes out: a change the log cannot record fails loudly (500), it is never
      // silently unaudited.
      const call = { params, query, body, status, headers: ('headers' in reply && reply.headers) || {} };
      const json = 'file' in reply ? null : reply;
      const notes = spec.audit({ ...call, reply: json?.body, done: reply.done });
      for (const note of [notes ?? []].flat()) await o.audit.record(caller, clientOf(req), note);
    }
    if ('file' in reply) {
      res
        .status(status)
        .type(reply.file.contentType)
        .setHeader('Content-Disposition', attachmentDisposition(reply.file.filename))
        .send(reply.file.content);
      return;
    }
    if (o.validateResponses && spec.success.schema && status === spec.success.status) {
      const check = z.safeParse(spec.success.schema, reply.body);
      if (!check.success) {
        const issues = check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new Error(`response of ${spec.name} breaks its schema: ${issues.join('; ')}`);
      }
    }
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    if (reply.body === undefined) res.status(status).end();
    else res.status(status).json(reply.body);
  };
}

/**
 * `attachment; filename="..."` with the name as printable ASCII (quotes and backslashes replaced), plus RFC 8187's
 * `filename*` with the exact UTF-8 name when that differs (a mail attachment's "Tilbud på pumper.pdf").
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (ascii === filename) return `attachment; filename="${ascii}"`;
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** A per-client-address rate limit that answers problem+json 429 `rate_limited` with RateLimit headers. */
export function problemRateLimit(o: { windowMs: number; limit: number }): RequestHandler {
  return rateLimit({
    ...o,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => sendProblem(res, 429, 'rate_limited', 'Too many requests; slow down'),
  });
}

export function mountRoutes(router: Router, specs: RouteSpec[], o: MountOptions): void {
  for (const spec of specs) {
    router[spec.method](
      spec.path,
      ...(spec.rateLimit ? [problemRateLimit(spec.rateLimit)] : []),
      authStep(spec, o.authenticator),
      ...bodySteps(spec),
      handlerStep(spec, o),
    );
  }
}
