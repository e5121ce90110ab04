// A stand-in for the network under the real Graph SDK client: the adapter's injected `fetch`. Handlers answer
// each request; every request is recorded as it went out (URL, method, headers, JSON body).
import type { GraphTokenProvider } from '../../../../server/mailsource/graph/auth.js';
import type { GraphMailSourceConfig } from '../../../../server/mailsource/graph/config.js';
import { createGraphMailSource } from '../../../../server/mailsource/graph/graphMailSource.js';
import { MailboxLimiterRegistry } from '../../../../server/mailsource/graph/mailboxLimiter.js';
import type { GraphRequestEvent } from '../../../../server/mailsource/graph/policyMiddleware.js';
import type { MailSource } from '../../../../server/mailsource/MailSource.js';

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

export type Handler = (req: SentRequest, index: number) => Response | Promise<Response>;

export const GRAPH = 'https://graph.test';
export const MAILBOX_PATH = '/v1.0/users/shared%40contoso.com';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function graphError(status: number, code: string, headers: Record<string, string> = {}): Response {
  return json(
    status,
    { error: { code, message: `message for ${code}`, innerError: { 'request-id': 'r' } } },
    headers,
  );
}

export function connectionReset(): never {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  throw new TypeError('fetch failed', { cause });
}

export function message(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, subject: `subject ${id}`, receivedDateTime: '2025-03-03T08:00:00Z', isDraft: false, ...extra };
}

/** A token provider that issues token-0, token-1, ... and moves on when told the current one was rejected. */
export function countingTokens(): GraphTokenProvider & { invalidations: number } {
  const state = {
    invalidations: 0,
    async getAccessToken(): Promise<string> {
      return `token-${state.invalidations}`;
    },
    invalidate(): void {
      state.invalidations++;
    },
  };
  return state;
}

export interface Harness {
  source: MailSource;
  sent: SentRequest[];
  slept: number[];
  events: GraphRequestEvent[];
  tokens: ReturnType<typeof countingTokens>;
  limiters: MailboxLimiterRegistry;
}

export function harness(
  handler: Handler,
  opts: {
    tokens?: GraphTokenProvider;
    limiters?: MailboxLimiterRegistry;
    config?: Partial<GraphMailSourceConfig>;
  } = {},
): Harness {
  const sent: SentRequest[] = [];
  const slept: number[] = [];
  const events: GraphRequestEvent[] = [];
  const tokens = countingTokens();
  const limiters = opts.limiters ?? new MailboxLimiterRegistry();
  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    const req = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body,
    };
    sent.push(req);
    return handler(req, sent.length - 1);
  };
  const source = createGraphMailSource(
    {
      mailbox: 'shared@contoso.com',
      auth: {
        tenantId: 'contoso-tenant',
        clientId: 'client',
        credential: { kind: 'secret', clientSecret: 'never-used' },
        mode: { kind: 'application' },
        graphBaseUrl: GRAPH,
      },
      ...opts.config,
    },
    {
      tokenProvider: opts.tokens ?? tokens,
      fetch: fakeFetch as typeof fetch,
      sleep: async (ms) => {
        slept.push(ms);
      },
      now: () => Date.parse('2025-03-03T10:00:00Z'),
      random: () => 0.5,
      onRequest: (e) => events.push(e),
      limiters,
    },
  );
  return { source, sent, slept, events, tokens, limiters };
}
