import assert from 'node:assert/strict';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { withImmutableIdPreference } from '../../../../server/mailsource/graph/policyMiddleware.js';
import { connectionReset, graphError, harness, json, message } from './fakeGraph.js';

const isCode = (code: string) => (err: unknown) => err instanceof MailSourceError && err.code === code;
const page = (): Response => json(200, { value: [message('m1')] });
const query = { receivedFrom: null, pageSize: 10 };

describe('graph request policy (retries, token refresh, concurrency)', () => {
  it('retries reads through 502, 503, 504 and a connection reset', async () => {
    const h = harness((_req, i) => {
      if (i === 0) return graphError(503, 'ServiceUnavailable');
      if (i === 1) return graphError(504, 'GatewayTimeout');
      if (i === 2) connectionReset();
      if (i === 3) return new Response('<html>bad gateway</html>', { status: 502 });
      return page();
    });
    const result = await h.source.listInbox(query);
    assert.equal(result.messages[0]!.id, 'm1');
    assert.equal(h.sent.length, 5);
    assert.deepEqual(
      h.events.map((e) => [e.attempt, e.status]),
      [
        [1, 503],
        [2, 504],
        [3, null],
        [4, 502],
        [5, 200],
      ],
    );
    // Exponential backoff (random fixed at 0.5): 750, 1500, 3000, 6000 ms.
    assert.deepEqual(h.slept, [750, 1500, 3000, 6000]);
  });

  it('honours a fractional Retry-After instead of its own backoff', async () => {
    const h = harness((_req, i) =>
      i === 0 ? graphError(503, 'ServiceUnavailable', { 'Retry-After': '0.25' }) : page(),
    );
    await h.source.listInbox(query);
    assert.deepEqual(h.slept, [250]);
  });

  it('gives up on reads after the attempt limit with transient', async () => {
    const h = harness(() => graphError(503, 'ServiceUnavailable'), { config: { retry: { maxAttempts: 3 } } });
    await assert.rejects(h.source.listInbox(query), isCode('transient'));
    assert.equal(h.sent.length, 3);
  });

  it('never retries a move on 503 or a dropped connection: it may have happened', async () => {
    const h = harness((_req, i) => (i === 0 ? graphError(503, 'ServiceUnavailable') : connectionReset()));
    await assert.rejects(h.source.move('m1', 'archive'), isCode('transient'));
    await assert.rejects(h.source.move('m1', 'archive'), isCode('transient'));
    assert.equal(h.sent.length, 2);
    assert.deepEqual(h.slept, []);
  });

  it('retries a move on 429 after the Retry-After', async () => {
    const h = harness((_req, i) =>
      i === 0 ? graphError(429, 'ApplicationThrottled', { 'Retry-After': '2' }) : json(201, message('m1')),
    );
    assert.equal((await h.source.move('m1', 'archive')).id, 'm1');
    assert.equal(h.sent.length, 2);
    assert.deepEqual(h.slept, [2000]);
  });

  it('retries 429 past maxAttempts while the waits fit the throttle budget', async () => {
    const h = harness((_req, i) =>
      i < 7 ? graphError(429, 'ApplicationThrottled', { 'Retry-After': '1' }) : json(200, message('m1')),
    );
    assert.equal((await h.source.getMessage('m1'))?.id, 'm1');
    assert.equal(h.sent.length, 8);
    assert.deepEqual(h.slept, Array(7).fill(1000));
  });

  it('reports throttled with Retry-After when 429 outlasts the throttle budget', async () => {
    const h = harness(() => graphError(429, 'ApplicationThrottled', { 'Retry-After': '1' }), {
      config: { retry: { throttleBudgetMs: 4000 } },
    });
    const err = await h.source.delete('m1').then(
      () => assert.fail('expected a rejection'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof MailSourceError);
    assert.equal(err.code, 'throttled');
    assert.equal(err.retryAfterMs, 1000);
    assert.equal(err.providerCode, 'ApplicationThrottled');
    assert.equal(h.sent.length, 5); // four waits of 1 s fit the 4 s budget; a fifth would not
    assert.deepEqual(h.slept, [1000, 1000, 1000, 1000]);
  });

  it('refreshes the token once on 401 and carries on', async () => {
    const h = harness((req) =>
      req.headers.get('authorization') === 'Bearer token-0'
        ? graphError(401, 'InvalidAuthenticationToken')
        : page(),
    );
    await h.source.listInbox(query);
    assert.equal(h.tokens.invalidations, 1);
    assert.deepEqual(
      h.sent.map((r) => r.headers.get('authorization')),
      ['Bearer token-0', 'Bearer token-1'],
    );
  });

  it('reports auth_failed when the fresh token is rejected too', async () => {
    const h = harness(() => graphError(401, 'InvalidAuthenticationToken'));
    await assert.rejects(h.source.move('m1', 'archive'), isCode('auth_failed'));
    assert.equal(h.sent.length, 2);
  });

  it('passes a token failure through unchanged and sends nothing', async () => {
    const failure = new MailSourceError('auth_failed', 'wrong secret', 'AADSTS7000215');
    const tokens = { getAccessToken: () => Promise.reject(failure), invalidate: () => undefined };
    const h = harness(() => page(), { tokens });
    await assert.rejects(h.source.listInbox(query), (err) => err === failure);
    assert.equal(h.sent.length, 0);
  });

  it('maps an access policy refusal to access_denied without retrying', async () => {
    const h = harness(() => graphError(403, 'ErrorAccessDenied'));
    await assert.rejects(h.source.getMessage('m1'), isCode('access_denied'));
    assert.equal(h.sent.length, 1);
  });

  it('keeps at most 4 requests in flight per mailbox, across mail sources of that mailbox', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = async (): Promise<Response> => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      return json(200, message('m1'));
    };
    const a = harness(slow);
    const b = harness(slow, { limiters: a.limiters });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).source.getMessage(`m${i}`)));
    assert.equal(a.sent.length + b.sent.length, 20);
    assert.equal(peak, 4);
  });

  it('merges the immutable-id preference into other Prefer values', () => {
    assert.equal(withImmutableIdPreference(undefined), 'IdType="ImmutableId"');
    assert.equal(
      withImmutableIdPreference('odata.maxpagesize=50'),
      'odata.maxpagesize=50, IdType="ImmutableId"',
    );
    assert.equal(withImmutableIdPreference('IdType="ImmutableId"'), 'IdType="ImmutableId"');
  });
});
