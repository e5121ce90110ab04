// Transport-neutral Graph request/response shapes: the HTTPS front end and $batch parts both become a
// GraphRequest, so limits, faults and handlers treat them alike.
import { GraphHttpError } from './errors.js';
import type { Principal } from './tokens.js';
import type { StoredMailbox } from './store.js';

export interface GraphRequest {
  method: string;
  /** Path after /v1.0 exactly as sent (percent-escapes kept), without the query string. */
  rawPath: string;
  /** Decoded path segments after /v1.0. */
  segments: string[];
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: unknown;
  requestId: string;
  clientRequestId: string;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** Destroy the connection instead of answering (fault 'reset'). */
  reset?: boolean;
}

/** What a mailbox handler gets: the resolved mailbox, the caller, and how ids should be shown. */
export interface MailboxCall {
  req: GraphRequest;
  mailbox: StoredMailbox;
  principal: Principal;
  immutable: boolean;
  baseUrl: string;
  /** Path segments after /users/{id}. */
  rest: string[];
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return {
    status,
    headers: {
      'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8',
      ...headers,
    },
    body,
  };
}

export function noContent(): GraphResponse {
  return { status: 204, headers: {} };
}

export function wantsImmutableIds(headers: Record<string, string>): boolean {
  return /IdType\s*=\s*"?ImmutableId"?/i.test(headers.prefer ?? '');
}

export function requireObjectBody(req: GraphRequest): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new GraphHttpError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return req.body as Record<string, unknown>;
}
