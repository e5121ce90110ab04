// Typed client for the /api/v1 contract (shared/api). Every answer is validated against the contract, every
// error becomes an ApiError or NetworkError. Reads are retried on network errors, 429 and 502-504 (honouring
// Retry-After); writes are never retried, except after a 401 (the server refused before doing anything).
import type { z } from 'zod/mini';
import type {
  CreateContactRequest,
  CreateOpportunityRequest,
  LinkOpportunityRequest,
  LookupRequest,
  MessageRef,
  PaneStartFailureReport,
} from '../../shared/api/index.js';
import { apiPath, apiRoutes, type ApiRouteName } from '../../shared/api/routes.js';
import { loadContract, type Contract } from './contractLoader.js';
import { ApiError, NetworkError, apiErrorFromBody } from './errors.js';

export interface TokenSource {
  /** A bearer token; `forceRefresh` after the server said 401. Throws when the user must sign in. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export interface ApiClientOptions {
  /** Origin of the server, e.g. "https://localhost:3000" (the pane is served by the same server). */
  baseUrl: string;
  tokens?: TokenSource;
  fetch?: typeof fetch;
  /** Waits between read retries (injected so tests do not sleep). */
  sleep?: (ms: number) => Promise<void>;
  readRetries?: number;
}

interface Call<T> {
  route: ApiRouteName;
  params?: Record<string, string | number>;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** The answer's schema, from the contract (loaded on first use: contractLoader.ts). */
  schema: (contract: Contract) => z.ZodMiniType<T>;
  /** Reads may be retried; writes never (a lost answer does not mean nothing happened). */
  idempotent: boolean;
  auth: boolean;
  /** The answer is a file (its bytes), not JSON. */
  file?: boolean;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const MAX_RETRY_WAIT_MS = 10_000;

export function retryDelayMs(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter === null ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_WAIT_MS);
  return Math.min(500 * 2 ** attempt, MAX_RETRY_WAIT_MS);
}

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const readRetries = options.readRetries ?? 2;

  async function send(call: Call<unknown>, forceRefresh: boolean): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.auth) {
      if (!options.tokens) throw new Error('This API client has no token source');
      headers.authorization = `Bearer ${await options.tokens.getAccessToken({ forceRefresh })}`;
    }
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query.set(k, v);
    const qs = query.size > 0 ? `?${query}` : '';
    const url = `${options.baseUrl.replace(/\/+$/, '')}${apiPath(call.route, call.params)}${qs}`;
    try {
      return await doFetch(url, {
        method: apiRoutes[call.route].method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        credentials: 'omit',
      });
    } catch (e) {
      throw new NetworkError(e);
    }
  }

  async function request<T>(call: Call<T>): Promise<T> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await send(call, refreshed);
      } catch (e) {
        if (e instanceof NetworkError && call.idempotent && attempt < readRetries) {
          await sleep(retryDelayMs(attempt, null));
          continue;
        }
        throw e;
      }
      if (response.status === 401 && call.auth && !refreshed) {
        refreshed = true; // One fresh token, then give up: the user must sign in again.
        continue;
      }
      if (RETRYABLE_STATUS.has(response.status) && call.idempotent && attempt < readRetries) {
        await sleep(retryDelayMs(attempt, response.headers.get('retry-after')));
        continue;
      }
      const body: unknown =
        call.file && response.ok ? await response.blob() : await response.json().catch(() => undefined);
      const contract = await loadContract().catch((e: unknown) => {
        throw new NetworkError(e);
      });
      if (!response.ok) throw apiErrorFromBody(response.status, body, contract.Problem);
      const parsed = call.schema(contract).safeParse(body);
      if (!parsed.success) {
        // Paths and rules only (zod does not copy values into issues): enough to find the drift, no data.
        console.error(`Interlog API: ${call.route} answered outside the contract`, parsed.error.issues);
        throw new ApiError(response.status, 'invalid_response', 'The server answered in an unexpected form');
      }
      return parsed.data;
    }
  }

  const read = { idempotent: true, auth: true } as const;
  const write = { idempotent: false, auth: true } as const;

  return {
    config: () => request({ route: 'config', schema: (c) => c.ClientConfig, idempotent: true, auth: false }),
    devToken: (email: string) =>
      request({
        route: 'devToken',
        query: { email },
        schema: (c) => c.DevToken,
        idempotent: true,
        auth: false,
      }),
    me: () => request({ route: 'me', schema: (c) => c.Me, ...read }),
    /** A POST, but a pure read: safe to retry. */
    lookup: (body: LookupRequest) =>
      request({ route: 'lookup', body, schema: (c) => c.LookupResponse, ...read }),
    contactInteractions: (number: string, page: { cursor?: string; limit?: number } = {}) =>
      request({
        route: 'contactInteractions',
        params: { number },
        query: { cursor: page.cursor, limit: page.limit === undefined ? undefined : String(page.limit) },
        schema: (c) => c.InteractionPage,
        ...read,
      }),
    interaction: (entryNumber: number) =>
      request({ route: 'interaction', params: { entryNumber }, schema: (c) => c.InteractionDetail, ...read }),
    /** The entry's mail, read from the logging mailbox now (HTML sanitized by the server). */
    interactionMail: (entryNumber: number) =>
      request({ route: 'interactionMail', params: { entryNumber }, schema: (c) => c.LoggedMail, ...read }),
    /** One attachment of the entry's mail, as its bytes. */
    mailAttachment: (entryNumber: number, attachmentId: string): Promise<Blob> =>
      request({
        route: 'interactionMailAttachment',
        params: { entryNumber, attachmentId },
        schema: (c) => c.FileBody,
        file: true,
        ...read,
      }),
    createContact: (body: CreateContactRequest) =>
      request({ route: 'createContact', body, schema: (c) => c.ContactCard, ...write }),
    createOpportunity: (body: CreateOpportunityRequest) =>
      request({ route: 'createOpportunity', body, schema: (c) => c.Opportunity, ...write }),
    linkOpportunity: (entryNumber: number, body: LinkOpportunityRequest) =>
      request({
        route: 'linkOpportunity',
        params: { entryNumber },
        body,
        schema: (c) => c.InteractionSummary,
        ...write,
      }),
    logEmail: (body: MessageRef) =>
      request({ route: 'logEmail', body, schema: (c) => c.LogEmailResponse, ...write }),
    /** No token: the pane that reports this never got to sign in. Answered 204. */
    reportPaneStartFailure: (body: PaneStartFailureReport) =>
      request({
        route: 'reportPaneStartFailure',
        body,
        schema: (c) => c.NoContent,
        idempotent: false,
        auth: false,
      }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
