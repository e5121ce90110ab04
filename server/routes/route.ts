// One API route as data: method, path, who may call it, the zod schemas of its inputs and output, and the
// handler. The same object is mounted on Express (mount.ts) and documented (server/openapi), so what is
// validated is exactly what is documented.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Caller } from '../http/auth/identity.js';
import type { Logger } from '../logging/logger.js';
import type { AuditNote } from '../services/audit.js';

/** public: no token. user: any valid token. staff: salesperson or admin. admin: admin only. */
export type Access = 'public' | 'user' | 'staff' | 'admin';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller;
  req: Request;
  res: Response;
  log: Logger;
}

/** A JSON answer (validated against `success.schema` outside production) or a file. */
export type Reply<T> =
  | {
      status?: number;
      body: T;
      headers?: Record<string, string>;
      /** What the handler did beyond its answer, for its audit rule only (never sent). */
      done?: unknown;
    }
  | {
      status?: number;
      file: { contentType: string; filename: string; content: string | Buffer };
      /** What the handler did beyond its answer, for its audit rule only (never sent). */
      done?: unknown;
    };

/** A succeeded call as its route's audit sees it (validated input, status, JSON answer, headers). */
export interface AuditedCall {
  /* eslint-disable @typescript-eslint/no-explicit-any -- each route's audit reads its own route's shapes */
  params: any;
  query: any;
  body: any;
  reply: any;
  done: any;
  /* eslint-enable @typescript-eslint/no-explicit-any */
  status: number;
  headers: Record<string, string>;
}

/** What a route records in the audit log once it succeeded (routes/audit/table.ts); null: nothing. */
export type RouteAudit = (call: AuditedCall) => AuditNote | AuditNote[] | null;

export interface RouteSpec<
  P extends z.core.$ZodType = z.core.$ZodType,
  Q extends z.core.$ZodType = z.core.$ZodType,
  B extends z.core.$ZodType = z.core.$ZodType,
  S extends z.core.$ZodType = z.core.$ZodType,
> {
  /** operationId in the OpenAPI document. */
  name: string;
  method: Method;
  /** Express syntax, relative to /api/v1. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** How the body arrives: JSON (default, 100 kb) or CSV text (5 MB). */
  bodyType?: 'json' | 'csv';
  /** Overrides the JSON body limit (e.g. a long blocklist). */
  jsonLimit?: string;
  /** A tighter rate limit for this route, per client address, on top of the API's (public write routes). */
  rateLimit?: { windowMs: number; limit: number };
  success: { status: number; description: string; schema?: S; contentType?: string };
  /** Error statuses worth documenting beyond the ones every route has. */
  errors?: number[];
  /** Recorded by mount.ts after a 2xx answer (who, when, from where are added there). */
  audit?: RouteAudit;
  handle(
    ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>,
  ): Promise<Reply<z.input<S>>> | Reply<z.input<S>>;
}

/** Keeps the schema types of one route together (inference only; no behaviour). */
export function defineRoute<
  P extends z.core.$ZodType = z.core.$ZodUndefined,
  Q extends z.core.$ZodType = z.core.$ZodUndefined,
  B extends z.core.$ZodType = z.core.$ZodUndefined,
  S extends z.core.$ZodType = z.core.$ZodUnknown,
>(spec: RouteSpec<P, Q, B, S>): RouteSpec {
  return spec as unknown as RouteSpec;
}
