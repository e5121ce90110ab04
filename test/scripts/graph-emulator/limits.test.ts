// Outlook's limits per app and mailbox (MailboxConcurrency, the 10-minute budget) and fault injection, seen
// through the real Graph SDK. Concurrency is made deterministic with holdRequests(), not with timing.
import assert from 'node:assert/strict';
import type { Client, GraphError } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator, GraphEmulatorOptions } from '../../../scripts/graph-emulator/index.js';
import { appToken, graphClient, graphError, MAILBOX, noRetry, startTestEmulator } from './test-helpers.js';

const INBOX = `/users/${MAILBOX}/mailFolders/inbox/messages`;

describe('Graph emulator: throttling and faults', () => {
  let emu: GraphEmulator;
  let client: Client;

  async function start(opts: GraphEmulatorOptions): Promise<void> {
    emu = await startTestEmulator(opts);
    client = graphClient(emu, await appToken(emu));
  }

  afterEach(async () => {
    await emu.close();
  });

  it('answers the fifth concurrent request with 429 ApplicationThrottled MailboxConcurrency', async () => {
    await start({});
    const release = emu.holdRequests();
    const calls = Array.from({ length: 5 }, () =>
      client
        .api(INBOX)
        .top(1)
        .middlewareOptions(noRetry())
        .get()
        .then(
          () => 'ok',
          (e: GraphError) => e,
        ),
    );
    await emu.waitForStats((s) => s.inFlight === 4 && s.throttled === 1);
    release();
    const results = await Promise.all(calls);
    assert.equal(results.filter((r) => r === 'ok').length, 4);
    const err = results.find((r) => r !== 'ok') as GraphError;
    assert.equal(err.statusCode, 429);
    assert.equal(err.code, 'ApplicationThrottled');
    assert.equal(err.message, 'Application is over its MailboxConcurrency limit.');
    assert.equal(err.headers?.get('Retry-After'), '1');
    assert.equal(emu.stats.maxConcurrentByMailbox[MAILBOX], 5);
    assert.equal(emu.stats.throttledConcurrency, 1);
  });

  it('lets the SDK retry the throttled request after the (scaled, fractional) Retry-After', async () => {
    await start({ limits: { timeScale: 100 } });
    const release = emu.holdRequests();
    const calls = Array.from({ length: 5 }, () => client.api(INBOX).top(1).get());
    await emu.waitForStats((s) => s.inFlight === 4 && s.throttled === 1);
    release();
    const pages = await Promise.all(calls);
    assert.equal(pages.length, 5);
    assert.equal(emu.stats.byStatus['429'], 1);
    assert.equal(emu.stats.byStatus['200'], 5);
  });

  it('spends a request budget per app and mailbox, then answers 429 with Retry-After until the window moves', async () => {
    // A hand-driven clock makes the window exact: 3 requests per 10 s (timeScale 60).
    let clock = Date.now();
    await start({ limits: { requestsPer10Min: 3, timeScale: 60 }, now: () => clock });
    for (let i = 0; i < 3; i += 1) await client.api(INBOX).top(1).get();
    clock += 2500;
    const err = await graphError(client.api(INBOX).top(1).middlewareOptions(noRetry()).get());
    assert.equal(err.statusCode, 429);
    assert.equal(err.code, 'ApplicationThrottled');
    assert.equal(err.headers?.get('Retry-After'), '7.5');
    assert.equal(emu.stats.throttledBudget, 1);

    emu.addMailbox({ address: 'other@contoso.example' });
    await client
      .api('/users/other@contoso.example/mailFolders/inbox/messages')
      .middlewareOptions(noRetry())
      .get();

    clock += 7500;
    const page = await client.api(INBOX).top(1).middlewareOptions(noRetry()).get();
    assert.equal(page.value.length, 1);
  });

  it('counts every $batch part against the limits and returns a part’s 429 inside the batch', async () => {
    const clock = Date.now();
    await start({ limits: { requestsPer10Min: 5 }, now: () => clock });
    const requests = Array.from({ length: 6 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/users/${MAILBOX}/mailFolders/inbox`,
    }));
    const res = await client.api('/$batch').post({ requests });
    const statuses = (res.responses as { status: number }[]).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    const throttled = (res.responses as { status: number; headers: Record<string, string> }[]).find(
      (r) => r.status === 429,
    )!;
    assert.equal(throttled.headers['Retry-After'], '600');
    assert.equal(emu.stats.total, 6);
    assert.equal(emu.stats.httpRequests, 1);
  });

  it('injects faults with a seeded PRNG so the same seed hits the same requests', async () => {
    const pattern = async (seed: number) => {
      await start({ seed });
      emu.faults.add({ kind: '503', pathPattern: /\/mailFolders\/inbox\/messages$/, probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 16; i += 1) {
        out.push(
          await client
            .api(INBOX)
            .top(1)
            .middlewareOptions(noRetry())
            .get()
            .then(
              () => 200,
              (e: GraphError) => e.statusCode,
            ),
        );
      }
      await emu.close();
      return out;
    };
    const a = await pattern(7);
    const b = await pattern(7);
    assert.deepEqual(a, b);
    assert.ok(a.includes(503) && a.includes(200), a.join(','));
    await start({ seed: 7 });
  });

  it('fires a rule only `times` times, lets the SDK retry a 503, and can reset the connection', async () => {
    await start({});
    emu.faults.add({ kind: '503', method: 'GET', times: 1, retryAfterSeconds: 0.01 });
    const page = await client.api(INBOX).top(1).get();
    assert.equal(page.value.length, 1);
    assert.equal(emu.stats.byStatus['503'], 1);
    assert.equal(emu.faults.list().length, 0);

    emu.faults.add({ kind: 'reset', pathPattern: /mailFolders$/, times: 1 });
    await assert.rejects(
      fetch(`${emu.baseUrl}/v1.0/users/${MAILBOX}/mailFolders`, {
        headers: { Authorization: `Bearer ${await appToken(emu)}` },
      }),
    );
    assert.equal(emu.stats.byStatus['0'], 1);
  });
});
