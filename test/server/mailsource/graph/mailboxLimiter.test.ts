import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ConcurrencyGate,
  MailboxLimiter,
  MailboxLimiterRegistry,
  TokenBucket,
} from '../../../../server/mailsource/graph/mailboxLimiter.js';

/** A clock that only moves when someone sleeps on it. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('graph mailboxLimiter', () => {
  it('never lets more than the limit run at once, and serves waiters in order', async () => {
    const gate = new ConcurrencyGate(4);
    const limiter = new MailboxLimiter({ concurrency: 4, rate: null, clock: fakeClock() });
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const jobs = Array.from({ length: 10 }, (_, i) =>
      limiter.run(async () => {
        started.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
      }),
    );
    await tick();
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.equal(limiter.gate.inFlight, 4);
    releases.shift()!();
    await tick();
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    while (releases.length) {
      releases.shift()!();
      await tick();
    }
    await Promise.all(jobs);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(limiter.gate.peak, 4);
    assert.equal(limiter.gate.inFlight, 0);
    assert.equal(gate.inFlight, 0);
  });

  it('releases the slot when the attempt fails', async () => {
    const limiter = new MailboxLimiter({ concurrency: 1, rate: null, clock: fakeClock() });
    await assert.rejects(
      limiter.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await limiter.run(async () => 'ok'), 'ok');
    assert.equal(limiter.gate.inFlight, 0);
  });

  describe('weighted gate', () => {
    /** Holders that start in acquire order and finish when the test says. */
    function holders(gate: ConcurrencyGate) {
      const started: string[] = [];
      const finish = new Map<string, () => void>();
      const hold = (name: string, n: number): Promise<void> =>
        gate.acquire(n).then(async () => {
          started.push(name);
          await new Promise<void>((resolve) => finish.set(name, resolve));
          gate.release(n);
        });
      const done = async (name: string): Promise<void> => {
        finish.get(name)!();
        await tick();
      };
      return { started, hold, done };
    }

    it('a batch waiting for the whole gate is not overtaken by single requests', async () => {
      const gate = new ConcurrencyGate(4);
      const { started, hold, done } = holders(gate);
      const all = [hold('s1', 1), hold('s2', 1), hold('batch', 4), hold('s3', 1), hold('s4', 1)];
      await tick();
      assert.deepEqual(started, ['s1', 's2']);
      // Two slots are free, but the batch at the head needs four: the singles behind it wait too.
      assert.equal(gate.inFlight, 2);
      assert.equal(gate.waiting, 3);
      await done('s1');
      assert.deepEqual(started, ['s1', 's2']);
      await done('s2');
      assert.deepEqual(started, ['s1', 's2', 'batch']);
      assert.equal(gate.inFlight, 4);
      await done('batch');
      assert.deepEqual(started, ['s1', 's2', 'batch', 's3', 's4']);
      await done('s3');
      await done('s4');
      await Promise.all(all);
      assert.equal(gate.inFlight, 0);
      assert.equal(gate.peak, 4);
    });

    it('two batches interleaved with single requests all run, one batch at a time', async () => {
      const gate = new ConcurrencyGate(4);
      const { started, hold, done } = holders(gate);
      const all = [hold('a', 3), hold('s1', 1), hold('b', 4), hold('s2', 1), hold('c', 2), hold('s3', 1)];
      await tick();
      assert.deepEqual(started, ['a', 's1']);
      await done('a');
      assert.deepEqual(started, ['a', 's1']);
      await done('s1');
      assert.deepEqual(started, ['a', 's1', 'b']);
      await done('b');
      assert.deepEqual(started, ['a', 's1', 'b', 's2', 'c', 's3']);
      for (const name of ['s2', 'c', 's3']) await done(name);
      await Promise.all(all);
      assert.equal(gate.inFlight, 0);
      assert.equal(gate.waiting, 0);
    });

    it('refuses a weight it could never grant', async () => {
      const gate = new ConcurrencyGate(4);
      await assert.rejects(gate.acquire(5), RangeError);
      await assert.rejects(gate.acquire(0), RangeError);
      assert.throws(() => gate.release(1.5), RangeError);
      assert.equal(gate.inFlight, 0);
    });

    it('any mix of weights: never over the limit, starts in arrival order, everyone finishes', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.record({ weight: fc.nat(), holdTicks: fc.integer({ min: 0, max: 3 }) }), {
            minLength: 1,
            maxLength: 25,
          }),
          async (limit, jobs) => {
            const gate = new ConcurrencyGate(limit);
            const started: number[] = [];
            let held = 0;
            const runs = jobs.map(async (job, i) => {
              const n = 1 + (job.weight % limit);
              await gate.acquire(n);
              started.push(i);
              held += n;
              assert.ok(held <= limit, `held ${held} > ${limit}`);
              for (let t = 0; t < job.holdTicks; t++) await tick();
              held -= n;
              gate.release(n);
            });
            await Promise.all(runs);
            assert.deepEqual(
              started,
              jobs.map((_, i) => i),
            );
            assert.equal(gate.inFlight, 0);
            assert.ok(gate.peak <= limit);
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  it('a weighted run takes its tokens and slots (capped at the limit) and gives the slots back', async () => {
    const clock = fakeClock();
    const limiter = new MailboxLimiter({ concurrency: 4, rate: { requests: 20, perMs: 20_000 }, clock });
    let seen = 0;
    await limiter.run(
      async () => {
        seen = limiter.gate.inFlight;
      },
      { slots: 20, tokens: 20 },
    );
    assert.equal(seen, 4);
    assert.equal(limiter.gate.inFlight, 0);
    assert.deepEqual(clock.slept, []);
    // The bucket is empty now: a single request waits for one token to refill (1 s).
    await limiter.run(async () => undefined);
    assert.deepEqual(clock.slept, [1000]);
  });

  it('token bucket: a take larger than the bucket waits for a full bucket, then leaves it in debt', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ requests: 3, perMs: 3000 }, clock);
    await bucket.take(2);
    await bucket.take(5); // 1 left: waits 2 s for a full bucket, then owes 2
    assert.equal(clock.now(), 2000);
    await bucket.take(1); // -2 -> needs 3 more seconds to reach 1
    assert.equal(clock.now(), 5000);
  });

  it('token bucket: a full bucket allows a burst, then one request per refill interval', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ requests: 3, perMs: 3000 }, clock);
    for (let i = 0; i < 3; i++) await bucket.take();
    assert.deepEqual(clock.slept, []);
    await bucket.take();
    await bucket.take();
    assert.equal(clock.now(), 2000);
  });

  it('the registry shares one limiter per Graph host and mailbox, case-insensitively', () => {
    const registry = new MailboxLimiterRegistry();
    const make = () => new MailboxLimiter({ concurrency: 4, rate: null, clock: fakeClock() });
    const a = registry.get({ graphHost: 'graph.microsoft.com', mailbox: 'Shared@Contoso.com' }, make);
    const b = registry.get({ graphHost: 'GRAPH.microsoft.com', mailbox: 'shared@contoso.com ' }, make);
    const c = registry.get({ graphHost: 'graph.microsoft.com', mailbox: 'other@contoso.com' }, make);
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});
