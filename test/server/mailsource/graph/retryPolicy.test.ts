import assert from 'node:assert/strict';
import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isNetworkError,
  parseRetryAfterMs,
  type AttemptOutcome,
  type RetryProgress,
  type RetryPolicy,
} from '../../../../server/mailsource/graph/retryPolicy.js';

const policy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  throttleBudgetMs: 60_000,
};
/** Progress after `attempt` attempts, `throttled` of them answered 429, having waited `waitedMs`. */
const after = (attempt: number, throttled = 0, waitedMs = 0): RetryProgress => ({
  attempt,
  throttled,
  waitedMs,
});
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
        assert.equal(decideRetry('GET', outcome, after(1), policy, mid).retry, true, JSON.stringify(outcome));
      }
    });

    it('does not retry reads on other statuses', () => {
      for (const s of [400, 401, 403, 404, 409, 500, 501]) {
        assert.equal(decideRetry('GET', status(s), after(1), policy, mid).retry, false, String(s));
      }
    });

    it('retries writes only on 429: a failed write may have happened', () => {
      for (const method of ['POST', 'DELETE', 'PATCH']) {
        assert.equal(decideRetry(method, status(429), after(1), policy, mid).retry, true, method);
        for (const outcome of [status(502), status(503), status(504), { kind: 'network' } as const]) {
          assert.equal(
            decideRetry(method, outcome, after(1), policy, mid).retry,
            false,
            `${method} ${JSON.stringify(outcome)}`,
          );
        }
      }
    });

    it('honours Retry-After over the local backoff, for reads and writes', () => {
      assert.deepEqual(decideRetry('GET', status(503, 250), after(1), policy, mid), {
        retry: true,
        delayMs: 250,
      });
      assert.deepEqual(decideRetry('POST', status(429, 7000), after(3, 3, 2000), policy, mid), {
        retry: true,
        delayMs: 7000,
      });
    });

    it('gives up when Retry-After is longer than the longest wait', () => {
      assert.deepEqual(decideRetry('GET', status(429, 31_000), after(1, 1), policy, mid), { retry: false });
    });

    it('stops after maxAttempts', () => {
      assert.equal(decideRetry('GET', status(503), after(4), policy, mid).retry, true);
      assert.equal(decideRetry('GET', status(503), after(5), policy, mid).retry, false);
    });
  });

  describe('throttle budget', () => {
    /** Replays a request that Graph answers 429 with `retryAfterMs` forever; returns the waits chosen. */
    function waitsUntilGivingUp(retryAfterMs: number | null, p: RetryPolicy = policy): number[] {
      const waits: number[] = [];
      let progress = after(1, 1);
      for (;;) {
        const decision = decideRetry('POST', status(429, retryAfterMs), progress, p, mid);
        if (!decision.retry) return waits;
        waits.push(decision.delayMs);
        const { attempt, throttled, waitedMs } = progress;
        progress = after(attempt + 1, throttled + 1, waitedMs + decision.delayMs);
      }
    }

    it('keeps honouring Retry-After past maxAttempts while the total wait stays within the budget', () => {
      const waits = waitsUntilGivingUp(7000);
      // 60 s budget / 7 s: 8 waits (56 s); a 9th would make 63 s.
      assert.deepEqual(waits, Array(8).fill(7000));
      assert.ok(waits.length + 1 > policy.maxAttempts);
    });

    it('the budget includes the next wait, so a wait that would overrun it ends the retries', () => {
      assert.deepEqual(decideRetry('GET', status(429, 5000), after(9, 9, 55_000), policy, mid), {
        retry: true,
        delayMs: 5000,
      });
      assert.deepEqual(decideRetry('GET', status(429, 5001), after(9, 9, 55_000), policy, mid), {
        retry: false,
      });
    });

    it('without Retry-After backs off exponentially (capped at maxDelayMs) until the budget is spent', () => {
      const waits = waitsUntilGivingUp(null);
      // random 0.5 -> 3/4 of 1, 2, 4, 8, 16 s, then of the 30 s cap: 750+1500+3000+6000+12000 = 23,250 s;
      // the next (22,500) makes 45,750; the one after would make 68,250 > 60,000.
      assert.deepEqual(waits, [750, 1500, 3000, 6000, 12_000, 22_500]);
    });

    it('a single Retry-After above maxDelayMs still ends the retries at once', () => {
      assert.deepEqual(waitsUntilGivingUp(30_001, { ...policy, throttleBudgetMs: 10 * 60_000 }), []);
    });

    it('other failures keep maxAttempts, not counting the attempts that were throttled', () => {
      // 6 attempts: 3 answered 429, then 503s. Three 503 attempts so far: two more allowed.
      assert.equal(decideRetry('GET', status(503), after(6, 3, 3000), policy, mid).retry, true);
      assert.equal(decideRetry('GET', status(503), after(8, 3, 3000), policy, mid).retry, false);
    });

    it('defaults to five minutes of throttling', () => {
      assert.equal(DEFAULT_RETRY_POLICY.throttleBudgetMs, 5 * 60_000);
      assert.equal(waitsUntilGivingUp(1000, DEFAULT_RETRY_POLICY).length, 300);
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
