import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nextRetryDelayMs } from '../../../server/domain/backoff.js';

const opts = { baseMs: 1000, maxMs: 60_000 };

describe('server/domain/backoff', () => {
  it('is zero before any failure', () => {
    assert.equal(
      nextRetryDelayMs(0, opts, () => 0.99),
      0,
    );
    assert.equal(
      nextRetryDelayMs(-3, opts, () => 0.99),
      0,
    );
  });

  it('doubles the cap per failure up to maxMs (checked with the largest random value)', () => {
    const top = () => 1 - Number.EPSILON;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 100, 5000].map((n) => nextRetryDelayMs(n, opts, top)),
      [999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999, 59_999, 59_999],
    );
  });

  it('uses full jitter: the random value scales the whole range', () => {
    assert.equal(
      nextRetryDelayMs(3, opts, () => 0),
      0,
    );
    assert.equal(
      nextRetryDelayMs(3, opts, () => 0.5),
      2000,
    );
    assert.equal(
      nextRetryDelayMs(3, opts, () => 0.25),
      1000,
    );
  });

  it('clamps a faulty random source into range', () => {
    assert.equal(
      nextRetryDelayMs(3, opts, () => 7),
      3999,
    );
    assert.equal(
      nextRetryDelayMs(3, opts, () => -1),
      0,
    );
    assert.equal(
      nextRetryDelayMs(3, opts, () => Number.NaN),
      0,
    );
  });

  it('stays a whole number in [0, min(max, base * 2^(n-1))) for any input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, baseMs, maxMs, r) => {
          const delay = nextRetryDelayMs(n, { baseMs, maxMs }, () => r);
          const cap = Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 1023));
          assert.ok(Number.isInteger(delay));
          assert.ok(delay >= 0 && delay < cap, `${delay} not in [0, ${cap})`);
        },
      ),
    );
  });
});
