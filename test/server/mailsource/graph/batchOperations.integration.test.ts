// applyMany against the project's Graph emulator: real MSAL Node, real Graph SDK, real HTTPS, real $batch.
import assert from 'node:assert/strict';
import type { GraphEmulator, GraphEmulatorOptions } from '../../../../scripts/graph-emulator/index.js';
import type { MailOperation, MailOperationResult } from '../../../../server/mailsource/MailSource.js';
import { MailboxLimiterRegistry } from '../../../../server/mailsource/graph/mailboxLimiter.js';
import { CLIENT, MAILBOX, mailSource, startEmulator } from './emulatorHarness.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const isBatch = (e: { url: string }): boolean => new URL(e.url).pathname === '/v1.0/$batch';

/** Adds `count` Inbox messages; returns their immutable ids. */
function addInbox(emu: GraphEmulator, count: number, tag: string): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      emu.addMessage(MAILBOX, 'inbox', { subject: `${tag} ${i}`, from: { address: 'a@b.example' } }).id,
  );
}

/** The id of a message that existed and was deleted for good (from Deleted Items). */
async function purgedId(emu: GraphEmulator): Promise<string> {
  const [id] = addInbox(emu, 1, 'purged');
  const { source } = mailSource(emu);
  await source.delete(id!);
  await source.delete(id!);
  assert.equal(emu.getMessage(MAILBOX, id!), null);
  return id!;
}

const moveAll = (ids: string[]): MailOperation[] =>
  ids.map((id) => ({ kind: 'move', id, destination: 'archive' }));

function assertAllOk(results: MailOperationResult[]): void {
  const failures = results.flatMap((r, i) => (r.ok ? [] : [`${i}: ${r.error.code} ${r.error.message}`]));
  assert.deepEqual(failures, []);
}

describe('graph applyMany against the Graph emulator', function () {
  this.timeout(30_000);
  let emu: GraphEmulator;
  const start = async (opts: GraphEmulatorOptions = {}) => {
    emu = await startEmulator(opts);
  };
  afterEach(async () => {
    await emu?.close();
  });

  it('applies 45 moves and deletes in 3 envelopes, in order, moved messages keeping their immutable ids', async () => {
    await start();
    const gone = await purgedId(emu);
    const ids = addInbox(emu, 44, 'bulk');
    const ops: MailOperation[] = ids.map((id, i) =>
      i % 3 === 2 ? { kind: 'delete', id } : { kind: 'move', id, destination: 'archive' },
    );
    ops.splice(20, 0, { kind: 'delete', id: gone }); // already deleted: done, not an error
    const { source, events } = mailSource(emu);
    const archive = await source.resolveFolder('archive');
    const deletedItems = await source.resolveFolder('deleteditems');
    emu.stats.reset();
    events.length = 0;

    const results = await source.applyMany(ops);

    assert.equal(events.filter(isBatch).length, 3);
    assert.equal(events.length, 3);
    assert.equal(emu.stats.httpRequests, 3);
    assert.equal(emu.stats.total, 45);
    assert.equal(results.length, 45);
    assertAllOk(results);
    for (const [i, op] of ops.entries()) {
      const result = results[i]!;
      assert.ok(result.ok);
      if (op.kind === 'delete') {
        assert.equal(result.message, null);
        if (op.id !== gone) assert.equal(emu.getMessage(MAILBOX, op.id)?.parentFolderId, deletedItems.id);
        continue;
      }
      assert.equal(result.message?.id, op.id, 'the immutable id survives the move');
      assert.equal(result.message?.parentFolderId, archive.id);
    }
    // The returned ids still work after the move.
    const movedIds = ops.filter((op) => op.kind === 'move').map((op) => op.id);
    for (const id of movedIds.slice(0, 5)) {
      assert.equal((await source.getMessage(id))?.parentFolderId, archive.id);
    }
    assert.equal(emu.listFolder(MAILBOX, 'archive').filter((m) => movedIds.includes(m.id)).length, 30);
  });

  it('resends parts answered 429 after their Retry-After, and they end ok', async () => {
    await start();
    const ids = addInbox(emu, 6, 'throttled');
    emu.faults.add({ method: 'POST', pathPattern: /\/move$/, kind: '429', retryAfterSeconds: 0.3, times: 2 });
    emu.faults.add({ method: 'DELETE', kind: '429', retryAfterSeconds: 0.7, times: 1 });
    const { source, events, slept } = mailSource(emu);
    const ops: MailOperation[] = [
      ...moveAll(ids.slice(0, 4)),
      ...ids.slice(4).map((id) => ({ kind: 'delete', id }) as const),
    ];
    const results = await source.applyMany(ops);
    assertAllOk(results);
    assert.deepEqual(slept, [700]);
    assert.equal(events.filter(isBatch).length, 2);
    assert.equal(emu.stats.byStatus['429'], 3);
    assert.equal(emu.listFolder(MAILBOX, 'archive').filter((m) => ids.includes(m.id)).length, 4);
  });

  it("waits out the emulator's request budget (MailboxRequests 429s) and finishes every part", async () => {
    // 10 requests per window of 1 s (600x time): a batch of 20 gets half its parts throttled, several rounds.
    await start({ limits: { requestsPer10Min: 10, timeScale: 600 } });
    const ids = addInbox(emu, 20, 'budget');
    const { source, slept } = mailSource(emu, { realSleep: true });
    const results = await source.applyMany(moveAll(ids));
    assertAllOk(results);
    assert.ok(emu.stats.throttledBudget >= 10, `throttledBudget ${emu.stats.throttledBudget}`);
    assert.ok(slept.length >= 1);
    assert.ok(results.every((r) => r.ok && r.message?.id !== undefined));
  });

  it('resends parts refused for MailboxConcurrency until all are done', async () => {
    // Graph runs 4 parts at once; a mailbox that allows 2 (someone else holds the rest) refuses the others.
    await start({ limits: { concurrent: 2 }, latencyMs: 20 });
    const ids = addInbox(emu, 8, 'concurrency');
    const { source, events } = mailSource(emu);
    const results = await source.applyMany(moveAll(ids));
    assertAllOk(results);
    assert.ok(emu.stats.throttledConcurrency > 0);
    assert.ok(events.filter(isBatch).length >= 2);
  });

  it('fails only the move of a missing message with not_found', async () => {
    await start();
    const gone = await purgedId(emu);
    const ids = addInbox(emu, 3, 'partial');
    const { source } = mailSource(emu);
    const results = await source.applyMany(moveAll([ids[0]!, gone, ids[1]!, ids[2]!]));
    assert.equal(results.length, 4);
    const failed = results[1]!;
    assert.ok(!failed.ok);
    assert.equal(failed.error.code, 'not_found');
    assert.equal(failed.error.providerCode, 'ErrorItemNotFound');
    for (const i of [0, 2, 3]) assert.ok(results[i]!.ok, `operation ${i}`);
  });

  it('gives every operation the error when the envelope cannot be sent (revoked secret), without rejecting', async () => {
    await start();
    const ids = addInbox(emu, 3, 'envelope');
    emu.revokeClientSecret(CLIENT.clientId);
    const { source, events } = mailSource(emu);
    const results = await source.applyMany([...moveAll(ids.slice(0, 2)), { kind: 'delete', id: ids[2]! }]);
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : `${r.error.code} ${r.error.providerCode}`)),
      Array(3).fill('auth_failed AADSTS7000215'),
    );
    assert.equal(events.length, 0);
    assert.equal(emu.listFolder(MAILBOX, 'inbox').filter((m) => ids.includes(m.id)).length, 3);
  });

  it('gives every operation the error of a failed envelope and does not resend the write', async () => {
    await start();
    const ids = addInbox(emu, 2, 'envelope');
    emu.faults.add({ method: 'POST', pathPattern: /^\/v1\.0\/\$batch$/, kind: '503', times: 1 });
    const { source, events } = mailSource(emu);
    const results = await source.applyMany(moveAll(ids));
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : r.error.code)),
      ['transient', 'transient'],
    );
    assert.deepEqual(
      events.map((e) => e.status),
      [503],
    );
    assert.equal(emu.listFolder(MAILBOX, 'inbox').filter((m) => ids.includes(m.id)).length, 2);
  });

  it('shares the mailbox gate with single requests: never more than 4 in flight, no MailboxConcurrency', async () => {
    await start();
    const ids = addInbox(emu, 45, 'shared');
    const readIds = emu
      .listFolder(MAILBOX, 'inbox')
      .map((m) => m.id)
      .filter((id) => !ids.includes(id));
    const limiters = new MailboxLimiterRegistry();
    const batcher = mailSource(emu, { limiters });
    const reader = mailSource(emu, { limiters });
    await batcher.source.resolveFolder('archive'); // tokens in place before the burst
    await reader.source.resolveFolder('archive');
    emu.stats.reset();
    const gate = limiters.get({ graphHost: new URL(emu.baseUrl).host, mailbox: MAILBOX }, () => {
      throw new Error('the mail sources should have registered their limiter');
    }).gate;

    const release = emu.holdRequests();
    const applying = batcher.source.applyMany(moveAll(ids)); // 3 envelopes of 4 slots each
    const reads = Array.from({ length: 10 }, (_, i) =>
      reader.source.getMessage(readIds[i % readIds.length]!),
    );
    // Graph holds the first envelope's 4 parts; the other envelopes and every read queue in our gate.
    await emu.waitForStats((s) => s.inFlight === 4);
    for (let t = 0; t < 1000 && gate.waiting < 12; t++) await tick();
    assert.equal(gate.waiting, 12);
    assert.equal(gate.inFlight, 4);
    assert.equal(emu.stats.inFlight, 4);
    release();

    const [results, messages] = await Promise.all([applying, Promise.all(reads)]);
    assertAllOk(results);
    assert.ok(messages.every((m) => m !== null));
    assert.equal(emu.stats.throttled, 0);
    assert.equal(emu.stats.throttledConcurrency, 0);
    assert.equal(emu.stats.total, 55);
    assert.equal(Math.max(...Object.values(emu.stats.maxConcurrentByMailbox)), 4);
    assert.equal(gate.peak, 4);
  });
});
