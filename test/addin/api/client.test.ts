import assert from 'node:assert/strict';
import { createApiClient, retryDelayMs } from '../../../addin/api/client.js';
import { ApiError, NetworkError } from '../../../addin/api/errors.js';
import type { MessageRef } from '../../../shared/api/messages.js';

interface Seen {
  url: string;
  method: string;
  authorization: string | null;
  body: unknown;
}

/** A fetch that answers from a script and remembers what it was asked. */
function scriptedFetch(answers: (() => Response)[]) {
  const seen: Seen[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    seen.push({
      url: String(url),
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next();
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
const problem = (status: number, code: string, extra: object = {}, headers: Record<string, string> = {}) =>
  json(
    status,
    { type: `https://interlog.dev/problems/${code}`, title: code, status, code, ...extra },
    headers,
  );
const offline = () => {
  throw new TypeError('fetch failed');
};

const me = {
  displayName: 'Jo',
  email: 'jo@contoso.com',
  roles: ['salesperson'],
  salespersonCode: 'JD',
  internalDomains: [],
};
const logged = {
  status: 'logged',
  entries: [{ entryNumber: 12, contactNumber: 'CT1', salespersonCode: 'JD' }],
};
const ref: MessageRef = {
  internetMessageId: '<m@x>',
  subject: 's',
  sentDateTime: '2025-01-01T00:00:00Z',
  from: { address: 'a@b.c', name: '' },
  to: [],
  cc: [],
};

function client(answers: (() => Response)[], tokens: string[] = ['t1', 't2']) {
  const { fetch, seen } = scriptedFetch(answers);
  const waits: number[] = [];
  const api = createApiClient({
    baseUrl: 'https://localhost:3000/',
    fetch,
    sleep: async (ms) => void waits.push(ms),
    tokens: { getAccessToken: async (o) => (o?.forceRefresh ? tokens[1]! : tokens[0]!) },
  });
  return { api, seen, waits };
}

describe('addin/api/client', () => {
  it('sends the bearer token and JSON to the contract path, and returns the validated answer', async () => {
    const { api, seen } = client([json(200, logged)]);
    assert.deepEqual(await api.logEmail(ref), logged);
    assert.deepEqual(seen, [
      {
        url: 'https://localhost:3000/api/v1/log-email',
        method: 'POST',
        authorization: 'Bearer t1',
        body: ref,
      },
    ]);
  });

  it('encodes path parameters and sends paging as a query', async () => {
    const { api, seen } = client([json(200, { items: [], nextCursor: null })]);
    await api.contactInteractions('CT/1 ?', { cursor: 'abc==', limit: 20 });
    assert.equal(
      seen[0]?.url,
      'https://localhost:3000/api/v1/contacts/CT%2F1%20%3F/interactions?cursor=abc%3D%3D&limit=20',
    );
  });

  it('turns problem+json into an ApiError with its code and field errors', async () => {
    const { api } = client([
      problem(400, 'validation_failed', { errors: [{ path: 'description', message: 'Required' }] }),
    ]);
    await assert.rejects(
      api.createOpportunity({ contactNumber: 'CT1', description: 'x' }),
      (e: unknown) =>
        e instanceof ApiError && e.code === 'validation_failed' && e.fieldErrors[0]?.path === 'description',
    );
  });

  it('never retries a write, even on 503 or a lost connection', async () => {
    const unavailable = client([problem(503, 'unavailable')]);
    await assert.rejects(
      unavailable.api.logEmail(ref),
      (e: unknown) => e instanceof ApiError && e.status === 503,
    );
    assert.equal(unavailable.seen.length, 1);
    const lost = client([offline]);
    await assert.rejects(lost.api.logEmail(ref), NetworkError);
    assert.equal(lost.seen.length, 1);
  });

  it('retries reads on 429/503 and network errors, honouring Retry-After', async () => {
    const { api, seen, waits } = client([
      problem(429, 'rate_limited', {}, { 'retry-after': '2' }),
      offline,
      json(200, me),
    ]);
    assert.deepEqual(await api.me(), me);
    assert.equal(seen.length, 3);
    assert.equal(waits[0], 2000);
  });

  it('gives up on reads after the retry budget', async () => {
    const { api, seen } = client([problem(503, 'x'), problem(503, 'x'), problem(503, 'x')]);
    await assert.rejects(api.me(), (e: unknown) => e instanceof ApiError && e.status === 503);
    assert.equal(seen.length, 3);
  });

  it('asks for a fresh token once after a 401, then reports the 401', async () => {
    const again = client([problem(401, 'unauthenticated'), json(200, me)]);
    assert.deepEqual(await again.api.me(), me);
    assert.deepEqual(
      again.seen.map((s) => s.authorization),
      ['Bearer t1', 'Bearer t2'],
    );
    const still = client([problem(401, 'unauthenticated'), problem(401, 'unauthenticated')]);
    await assert.rejects(
      still.api.me(),
      (e: unknown) => e instanceof ApiError && e.code === 'unauthenticated',
    );
  });

  it('rejects answers that break the contract instead of passing them on', async () => {
    const { api } = client([json(200, { ...me, extra: true })]);
    await assert.rejects(api.me(), (e: unknown) => e instanceof ApiError && e.code === 'invalid_response');
  });

  it('calls GET /config without a token', async () => {
    const { fetch, seen } = scriptedFetch([json(200, { authMode: 'dev', internalDomains: ['x.example'] })]);
    assert.deepEqual(await createApiClient({ baseUrl: 'https://x.example', fetch }).config(), {
      authMode: 'dev',
      internalDomains: ['x.example'],
    });
    assert.equal(seen[0]?.authorization, null);
  });

  it('computes retry waits from Retry-After, else exponentially, capped', () => {
    assert.equal(retryDelayMs(0, '1.5'), 1500);
    assert.equal(retryDelayMs(0, null), 500);
    assert.equal(retryDelayMs(2, 'soon'), 2000);
    assert.equal(retryDelayMs(0, '3600'), 10_000);
  });
});
