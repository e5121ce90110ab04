import assert from 'node:assert/strict';
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
