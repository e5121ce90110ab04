import assert from 'node:assert/strict';
import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isNetworkError,
  parseRetryAfterMs,
  type AttemptOutcome,
} from '../../../../server/mailsource/graph/retryPolicy.js';

const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
const mid = (): number => 0.5;
const status = (s: number, retryAfterMs: number | null = null): AttemptOutcome => ({
  kind: 'status',
  status: s,
  retryAfterMs,
});

describe('graph retryPolicy', () => {
  describe('decideRetry', () => {
    it('retries reads on 429, 502, 503, 504 and network errors', () => {
      for (const outcome of [
        status(429),
        status(502),
        status(503),
        status(504),
        { kind: 'network' } as const,
      ]) {
        assert.equal(decideRetry('GET', outcome, 1, policy, mid).retry, true, JSON.stringify(outcome));
      }
    });

    it('does not retry reads on other statuses', () => {
      for (const s of [400, 401, 403, 404, 409, 500, 501]) {
        assert.equal(decideRetry('GET', status(s), 1, policy, mid).retry, false, String(s));
      }
    });

    it('retries writes only on 429: a failed write may have happened', () => {
      for (const method of ['POST', 'DELETE', 'PATCH']) {
        assert.equal(decideRetry(method, status(429), 1, policy, mid).retry, true, method);
        for (const outcome of [status(502), status(503), status(504), { kind: 'network' } as const]) {
          assert.equal(
            decideRetry(method, outcome, 1, policy, mid).retry,
            false,
            `${method} ${JSON.stringify(outcome)}`,
          );
        }
      }
    });

    it('honours Retry-After over the local backoff, for reads and writes', () => {
      assert.deepEqual(decideRetry('GET', status(503, 250), 1, policy, mid), { retry: true, delayMs: 250 });
      assert.deepEqual(decideRetry('POST', status(429, 7000), 3, policy, mid), {
        retry: true,
        delayMs: 7000,
      });
    });

    it('gives up when Retry-After is longer than the longest wait', () => {
      assert.deepEqual(decideRetry('GET', status(429, 31_000), 1, policy, mid), { retry: false });
    });

    it('stops after maxAttempts', () => {
      assert.equal(decideRetry('GET', status(503), 4, policy, mid).retry, true);
      assert.equal(decideRetry('GET', status(503), 5, policy, mid).retry, false);
    });
  });

  describe('backoffDelayMs', () => {
    it('doubles per attempt, with jitter within [half, full], capped at maxDelayMs', () => {
      assert.equal(
        backoffDelayMs(1, policy, () => 0),
        500,
      );
      assert.equal(
        backoffDelayMs(1, policy, () => 1),
        1000,
      );
      assert.equal(
        backoffDelayMs(3, policy, () => 1),
        4000,
      );
      assert.equal(
        backoffDelayMs(20, policy, () => 1),
        30_000,
      );
      assert.equal(
        backoffDelayMs(20, policy, () => 0),
        15_000,
      );
    });

    it('has sane defaults', () => {
      assert.ok(DEFAULT_RETRY_POLICY.maxAttempts >= 3 && DEFAULT_RETRY_POLICY.maxAttempts <= 10);
    });
  });

  describe('parseRetryAfterMs', () => {
    const now = Date.parse('2025-03-03T10:00:00Z');
    it('reads delta-seconds, fractional included', () => {
      assert.equal(parseRetryAfterMs('2', now), 2000);
      assert.equal(parseRetryAfterMs('0.25', now), 250);
      assert.equal(parseRetryAfterMs(' 0 ', now), 0);
    });
    it('reads an HTTP date relative to the injected clock', () => {
      assert.equal(parseRetryAfterMs('Mon, 03 Mar 2025 10:00:05 GMT', now), 5000);
      assert.equal(parseRetryAfterMs('Mon, 03 Mar 2025 09:00:00 GMT', now), 0);
    });
    it('ignores absent or unreadable values', () => {
      assert.equal(parseRetryAfterMs(null, now), null);
      assert.equal(parseRetryAfterMs('', now), null);
      assert.equal(parseRetryAfterMs('soon', now), null);
      assert.equal(parseRetryAfterMs('-1', now), null);
    });
  });

  describe('isNetworkError', () => {
    it("recognises Node fetch's TypeError with a system error cause", () => {
      const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      assert.equal(isNetworkError(new TypeError('fetch failed', { cause })), true);
    });
    it('recognises undici socket errors, timeouts and hang-ups', () => {
      const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
      assert.equal(isNetworkError(new TypeError('fetch failed', { cause: socket })), true);
      assert.equal(
        isNetworkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
        true,
      );
      assert.equal(isNetworkError(new Error('socket hang up')), true);
    });
    it('does not mistake a programming error for a network failure', () => {
      assert.equal(isNetworkError(new TypeError("Cannot read properties of undefined (reading 'x')")), false);
      assert.equal(isNetworkError('ECONNRESET'), false);
    });
  });
});
