import assert from 'node:assert/strict';
import type {
  MailOperation,
  MailOperationResult,
  MailSourceError,
} from '../../../../server/mailsource/MailSource.js';
import {
  longestRetryAfter,
  partOutcome,
  readBatchResponses,
  type BatchItem,
} from '../../../../server/mailsource/graph/batchOperations.js';
import { GRAPH, graphError, harness, json, message, type SentRequest } from './fakeGraph.js';

interface Part {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: { destinationId: string };
}

const partsOf = (req: SentRequest): Part[] => (req.body as { requests: Part[] }).requests;
const MESSAGES = '/users/shared%40contoso.com/messages';

/** The message id a part is about, from its relative URL. */
const idOf = (part: Part): string => decodeURIComponent(part.url.split('/')[4]!);

type PartAnswer = { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * A $batch endpoint answering each part with `answer` (a negative status leaves the part unanswered); responses
 * come back in reverse order, as Graph may send them in any.
 */
function batchEndpoint(answer: (part: Part, envelope: number) => PartAnswer) {
  return (req: SentRequest, index: number): Response => {
    assert.equal(req.url, `${GRAPH}/v1.0/$batch`);
    const responses = partsOf(req).map((part) => ({ id: part.id, headers: {}, ...answer(part, index) }));
    return json(200, { responses: responses.filter((r) => r.status >= 0).reverse() });
  };
}

const moved = (part: Part): PartAnswer => ({
  status: 201,
  body: message(idOf(part), { parentFolderId: 'A' }),
});
const ok = (part: Part): PartAnswer => (part.method === 'DELETE' ? { status: 204 } : moved(part));
const notFound = { status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'gone' } } };
const throttled = (retryAfter?: string): PartAnswer => ({
  status: 429,
  headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  body: { error: { code: 'ApplicationThrottled', message: 'MailboxConcurrency' } },
});

function errorOf(result: MailOperationResult | undefined): MailSourceError {
  assert.ok(result && !result.ok, `expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('graph applyMany (JSON batches over a fake network)', () => {
  it('sends moves and deletes as batch parts with relative URLs and the immutable-id preference', async () => {
    const h = harness(batchEndpoint(ok));
    const results = await h.source.applyMany([
      { kind: 'move', id: 'm/1', destination: ' Archive ' },
      { kind: 'delete', id: 'm2' },
      { kind: 'move', id: 'm3', destination: 'AAMkFolderId==' },
    ]);
    assert.equal(h.sent.length, 1);
    const [envelope] = h.sent;
    assert.equal(envelope!.method, 'POST');
    assert.equal(envelope!.headers.get('authorization'), 'Bearer token-0');
    assert.equal(envelope!.headers.get('prefer'), 'IdType="ImmutableId"');
    assert.deepEqual(partsOf(envelope!), [
      {
        id: '0',
        method: 'POST',
        url: `${MESSAGES}/m%2F1/move`,
        headers: { Prefer: 'IdType="ImmutableId"', 'Content-Type': 'application/json' },
        body: { destinationId: 'archive' },
      },
      { id: '1', method: 'DELETE', url: `${MESSAGES}/m2`, headers: { Prefer: 'IdType="ImmutableId"' } },
      {
        id: '2',
        method: 'POST',
        url: `${MESSAGES}/m3/move`,
        headers: { Prefer: 'IdType="ImmutableId"', 'Content-Type': 'application/json' },
        body: { destinationId: 'AAMkFolderId==' },
      },
    ]);
    assert.deepEqual(
      results.map((r) => (r.ok ? (r.message?.id ?? null) : r.error.code)),
      ['m/1', null, 'm3'],
    );
    assert.equal(results[0]!.ok && results[0]!.message?.parentFolderId, 'A');
    assert.deepEqual(
      h.events.map((e) => [e.method, new URL(e.url).pathname, e.status]),
      [['POST', '/v1.0/$batch', 200]],
    );
  });

  it('splits 45 operations into envelopes of 20, 20 and 5 and answers in operation order', async () => {
    const h = harness(batchEndpoint(ok));
    const ops: MailOperation[] = Array.from({ length: 45 }, (_, i) =>
      i % 3 === 0 ? { kind: 'delete', id: `m${i}` } : { kind: 'move', id: `m${i}`, destination: 'archive' },
    );
    const results = await h.source.applyMany(ops);
    assert.deepEqual(
      h.sent.map((r) => partsOf(r).length),
      [20, 20, 5],
    );
    assert.equal(results.length, 45);
    results.forEach((r, i) => {
      assert.ok(r.ok, `operation ${i}`);
      assert.equal(r.message?.id ?? null, i % 3 === 0 ? null : `m${i}`);
    });
  });

  it('sends nothing for no operations, and answers invalid ones without sending them', async () => {
    const h = harness(batchEndpoint(ok));
    assert.deepEqual(await h.source.applyMany([]), []);
    const results = await h.source.applyMany([
      { kind: 'move', id: 'm1', destination: '  ' },
      { kind: 'delete', id: '' },
      { kind: 'delete', id: 'm3' },
    ]);
    assert.equal(errorOf(results[0]).code, 'invalid_request');
    assert.equal(errorOf(results[1]).code, 'invalid_request');
    assert.deepEqual(results[2], { ok: true, message: null });
    assert.deepEqual(partsOf(h.sent[0]!).map(idOf), ['m3']);
  });

  it('maps each failed part like the single request, and counts a missing message as deleted', async () => {
    const h = harness(
      batchEndpoint((part) => {
        const id = idOf(part);
        if (id === 'gone') return notFound;
        if (id === 'nobox')
          return { status: 404, body: { error: { code: 'ErrorInvalidUser', message: 'x' } } };
        if (id === 'busy')
          return { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'x' } } };
        if (id === 'noid') return { status: 201, body: { subject: 'no id' } };
        if (id === 'unanswered') return { status: -1 };
        return ok(part);
      }),
    );
    const results = await h.source.applyMany([
      { kind: 'delete', id: 'gone' },
      { kind: 'move', id: 'gone', destination: 'archive' },
      { kind: 'delete', id: 'nobox' },
      { kind: 'move', id: 'busy', destination: 'archive' },
      { kind: 'move', id: 'noid', destination: 'archive' },
      { kind: 'move', id: 'unanswered', destination: 'archive' },
      { kind: 'move', id: 'fine', destination: 'archive' },
    ]);
    assert.deepEqual(results[0], { ok: true, message: null });
    assert.equal(errorOf(results[1]).code, 'not_found');
    assert.equal(errorOf(results[1]).providerCode, 'ErrorItemNotFound');
    assert.equal(errorOf(results[2]).code, 'mailbox_not_found');
    assert.equal(errorOf(results[3]).code, 'transient'); // a write is not retried on 5xx: it may have happened
    assert.equal(errorOf(results[4]).code, 'transient');
    assert.match(errorOf(results[5]).message, /no answer/);
    assert.equal(results[6]!.ok && results[6]!.message?.id, 'fine');
    assert.equal(h.sent.length, 1);
    assert.deepEqual(h.slept, []);
  });

  it('resends only the throttled parts, after the longest Retry-After among them', async () => {
    const h = harness(
      batchEndpoint((part, envelope) => {
        if (envelope === 0 && idOf(part) === 'm1') return throttled('2');
        if (envelope === 0 && idOf(part) === 'm3') return throttled('0.5');
        if (envelope === 1 && idOf(part) === 'm3') return throttled(); // no Retry-After: backoff
        return ok(part);
      }),
    );
    const results = await h.source.applyMany(
      ['m0', 'm1', 'm2', 'm3'].map((id) => ({ kind: 'move', id, destination: 'archive' })),
    );
    assert.ok(results.every((r) => r.ok));
    assert.deepEqual(
      h.sent.map((r) => partsOf(r).map(idOf)),
      [['m0', 'm1', 'm2', 'm3'], ['m1', 'm3'], ['m3']],
    );
    // 2 s, then the backoff of the second throttled round (random 0.5: 3/4 of 2 s).
    assert.deepEqual(h.slept, [2000, 1500]);
  });

  it('reports throttled once the parts outlast the throttle budget', async () => {
    const h = harness(
      batchEndpoint((part) => (idOf(part) === 'm1' ? throttled('1') : ok(part))),
      {
        config: { retry: { throttleBudgetMs: 3000 } },
      },
    );
    const results = await h.source.applyMany([
      { kind: 'delete', id: 'm0' },
      { kind: 'delete', id: 'm1' },
    ]);
    assert.deepEqual(results[0], { ok: true, message: null });
    const error = errorOf(results[1]);
    assert.equal(error.code, 'throttled');
    assert.equal(error.retryAfterMs, 1000);
    assert.equal(error.providerCode, 'ApplicationThrottled');
    assert.deepEqual(h.slept, [1000, 1000, 1000]);
    assert.equal(h.sent.length, 4);
  });

  it('fails every operation of an envelope Graph refused, without retrying a 5xx, and never rejects', async () => {
    const h = harness(() => graphError(503, 'ServiceUnavailable'));
    const results = await h.source.applyMany([
      { kind: 'move', id: 'm1', destination: 'archive' },
      { kind: 'delete', id: 'm2' },
    ]);
    assert.equal(h.sent.length, 1);
    assert.deepEqual(
      results.map((r) => errorOf(r).code),
      ['transient', 'transient'],
    );
    assert.equal(errorOf(results[0]), errorOf(results[1]));
  });

  it('retries a throttled envelope through the request policy', async () => {
    const h = harness((req, i) =>
      i === 0 ? graphError(429, 'TooManyRequests', { 'Retry-After': '3' }) : batchEndpoint(ok)(req, i),
    );
    const results = await h.source.applyMany([{ kind: 'delete', id: 'm1' }]);
    assert.deepEqual(results, [{ ok: true, message: null }]);
    assert.deepEqual(h.slept, [3000]);
    assert.deepEqual(
      h.events.map((e) => e.status),
      [429, 200],
    );
  });

  describe('pure helpers', () => {
    const item: BatchItem = {
      index: 0,
      op: { kind: 'delete', id: 'm1' },
      part: { id: '0', method: 'DELETE', url: '/users/x/messages/m1' },
    };

    it('readBatchResponses keeps well-formed answers, with lower-case header names', () => {
      const answers = readBatchResponses({
        responses: [
          { id: '0', status: 429, headers: { 'Retry-After': '7' } },
          { id: 1, status: 200 },
          'junk',
          { id: '2', status: 204 },
        ],
      });
      assert.deepEqual([...answers.keys()], ['0', '2']);
      assert.deepEqual(answers.get('0'), { status: 429, headers: { 'retry-after': '7' }, body: undefined });
      assert.equal(readBatchResponses({ error: { code: 'x' } }).size, 0);
      assert.equal(readBatchResponses(null).size, 0);
    });

    it('partOutcome reads Retry-After as a number or an HTTP date against the injected clock', () => {
      const now = Date.parse('2025-03-03T10:00:00Z');
      const seconds = partOutcome(item, { status: 429, headers: { 'retry-after': '1.5' }, body: null }, now);
      assert.equal(seconds.kind === 'throttled' && seconds.retryAfterMs, 1500);
      const date = partOutcome(
        item,
        { status: 429, headers: { 'retry-after': 'Mon, 03 Mar 2025 10:00:04 GMT' }, body: null },
        now,
      );
      assert.equal(date.kind === 'throttled' && date.retryAfterMs, 4000);
    });

    it('longestRetryAfter ignores parts without one, and is null when none has one', () => {
      assert.equal(
        longestRetryAfter([{ retryAfterMs: null }, { retryAfterMs: 300 }, { retryAfterMs: 90 }]),
        300,
      );
      assert.equal(longestRetryAfter([{ retryAfterMs: null }]), null);
    });
  });
});
