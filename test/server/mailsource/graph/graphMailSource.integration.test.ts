// The Graph MailSource against the project's Graph emulator: real MSAL Node, real Graph SDK, real HTTPS.
import assert from 'node:assert/strict';
import type { GraphEmulator } from '../../../../scripts/graph-emulator/index.js';
import { MailSourceError, type MailMessage } from '../../../../server/mailsource/MailSource.js';
import { MailboxLimiterRegistry } from '../../../../server/mailsource/graph/mailboxLimiter.js';
import { MAILBOX, mailSource, startEmulator } from './emulatorHarness.js';

const isCode = (code: string) => (err: unknown) => err instanceof MailSourceError && err.code === code;

async function listAll(
  src: ReturnType<typeof mailSource>['source'],
  pageSize: number,
  receivedFrom: string | null = null,
) {
  const pages: MailMessage[][] = [];
  let page = await src.listInbox({ receivedFrom, pageSize });
  pages.push(page.messages);
  while (page.next) {
    page = await src.listNext(page.next);
    pages.push(page.messages);
  }
  return pages;
}

describe('graph MailSource against the Graph emulator', function () {
  this.timeout(30_000);
  let emu: GraphEmulator;

  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  it('lists the whole Inbox oldest first across pages, with immutable ids', async () => {
    const { source } = mailSource(emu);
    const pages = await listAll(source, 2);
    const expected = emu.listFolder(MAILBOX, 'inbox').reverse();
    assert.ok(pages.length >= 3, 'several pages');
    assert.deepEqual(
      pages.flat().map((m) => m.id),
      expected.map((m) => m.id),
    );
    const first = pages[0]![0]!;
    assert.equal(first.subject, 'Tilbud på 40 paller / quote request');
    assert.deepEqual(first.from, { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' });
  });

  it('lists from an instant on', async () => {
    const { source } = mailSource(emu);
    const messages = (await listAll(source, 10, '2025-03-03T11:00:00Z')).flat();
    assert.ok(messages.length > 0);
    assert.ok(messages.every((m) => m.receivedDateTime! >= '2025-03-03T11:00:00Z'));
    const all = emu.listFolder(MAILBOX, 'inbox');
    const later = all.filter((m) => String(m.receivedDateTime) >= '2025-03-03T11:00:00Z');
    assert.equal(messages.length, later.length);
  });

  it('moves a message to the archive and finds it there under the same id', async () => {
    const { source } = mailSource(emu);
    const [message] = (await source.listInbox({ receivedFrom: null, pageSize: 1 })).messages;
    const archive = await source.resolveFolder('archive');
    const moved = await source.move(message!.id, 'archive');
    assert.equal(moved.id, message!.id);
    assert.equal(moved.parentFolderId, archive.id);
    const again = await source.getMessage(message!.id);
    assert.equal(again?.parentFolderId, archive.id);
    assert.ok(emu.listFolder(MAILBOX, 'archive').some((m) => m.id === message!.id));
    assert.ok(!emu.listFolder(MAILBOX, 'inbox').some((m) => m.id === message!.id));
  });

  it('finds a message moved to the archive mailbox (new id) by its internetMessageId', async () => {
    const { source } = mailSource(emu);
    const sent = emu.addMessage(MAILBOX, 'archive', {
      subject: "O'Brien",
      internetMessageId: "<o'b.1@x.example>",
    });
    const moved = emu.moveToArchiveMailbox(MAILBOX, sent.id);
    assert.equal(await source.getMessage(sent.id), null);
    const found = await source.findByInternetMessageId("<o'b.1@x.example>");
    assert.deepEqual([found?.id, found?.webLink, found?.subject], [moved.id, moved.webLink, "O'Brien"]);
    assert.equal(await source.findByInternetMessageId('<nobody@x.example>'), null);
  });

  it('deletes to Deleted Items and treats an already deleted message as done', async () => {
    const { source } = mailSource(emu);
    const [message] = (await source.listInbox({ receivedFrom: null, pageSize: 1 })).messages;
    await source.delete(message!.id);
    const deletedItems = await source.resolveFolder('deleteditems');
    assert.equal((await source.getMessage(message!.id))?.parentFolderId, deletedItems.id);
    await source.delete(message!.id); // removes it from Deleted Items for good
    assert.equal(await source.getMessage(message!.id), null);
    await source.delete(message!.id); // already gone: not an error
  });

  it('resolves folders by well-known name, display name and id, and creates one on request', async () => {
    const { source } = mailSource(emu);
    const custom = await source.resolveFolder('Interlog Archive');
    assert.equal(custom.displayName, 'Interlog Archive');
    assert.deepEqual(await source.resolveFolder(custom.id), custom);
    await assert.rejects(source.resolveFolder("Kunde's log"), isCode('not_found'));
    const created = await source.resolveFolder("Kunde's log", { create: true });
    assert.equal(created.displayName, "Kunde's log");
    assert.deepEqual(await source.resolveFolder("Kunde's log", { create: true }), created);
    assert.deepEqual(emu.listFolder(MAILBOX, "Kunde's log"), []);
  });

  it('retries reads through injected 503, 504 and a connection reset', async () => {
    const inbox = /\/mailFolders\/inbox\/messages$/;
    // Every matching fault rule fires on a request, so each kind gets its own call.
    for (const [kind, status] of [
      ['503', 503],
      ['504', 504],
      ['reset', null],
    ] as const) {
      const { source, events } = mailSource(emu);
      emu.faults.add({ method: 'GET', pathPattern: inbox, kind, times: 1 });
      const page = await source.listInbox({ receivedFrom: null, pageSize: 3 });
      assert.equal(page.messages.length, 3, kind);
      assert.deepEqual(
        events.map((e) => e.status),
        [status, 200],
        kind,
      );
    }
  });

  it('abandons a read that hangs past the request timeout and tries again', async () => {
    const { source, events } = mailSource(emu, { config: { requestTimeoutMs: 300 } });
    emu.faults.add({ method: 'GET', kind: 'latency', latencyMs: 3000, times: 1 });
    const page = await source.listInbox({ receivedFrom: null, pageSize: 1 });
    assert.equal(page.messages.length, 1);
    assert.deepEqual(
      events.map((e) => e.status),
      [null, 200],
    );
  });

  it('honours Retry-After on a read', async () => {
    const { source, slept } = mailSource(emu);
    emu.faults.add({ method: 'GET', kind: '503', retryAfterSeconds: 2.5, times: 1 });
    await source.listInbox({ receivedFrom: null, pageSize: 1 });
    assert.deepEqual(slept, [2500]);
  });

  it('does not retry a move on 503, but does on 429 after its Retry-After', async () => {
    const { source, slept, events } = mailSource(emu);
    const [message] = (await source.listInbox({ receivedFrom: null, pageSize: 1 })).messages;
    emu.faults.add({ method: 'POST', pathPattern: /\/move$/, kind: '503', times: 1 });
    await assert.rejects(source.move(message!.id, 'archive'), isCode('transient'));
    assert.equal(events.filter((e) => e.method === 'POST').length, 1);

    emu.faults.add({ method: 'POST', pathPattern: /\/move$/, kind: '429', retryAfterSeconds: 0.5, times: 1 });
    const moved = await source.move(message!.id, 'archive');
    assert.equal(moved.id, message!.id);
    assert.deepEqual(slept, [500]);
    assert.deepEqual(
      events.filter((e) => e.method === 'POST').map((e) => e.status),
      [503, 429, 201],
    );
  });

  it('reports throttled with the Retry-After when 429 outlasts the throttle budget', async () => {
    const { source, events } = mailSource(emu, { config: { retry: { throttleBudgetMs: 3000 } } });
    emu.faults.add({ method: 'GET', kind: '429', retryAfterSeconds: 1 });
    const err = await source.listInbox({ receivedFrom: null, pageSize: 1 }).catch((e: unknown) => e);
    assert.ok(err instanceof MailSourceError);
    assert.equal(err.code, 'throttled');
    assert.equal(err.retryAfterMs, 1000);
    assert.equal(events.length, 4);
  });

  it('keeps 20 parallel calls from two mail sources of one mailbox within 4 concurrent requests', async () => {
    const limiters = new MailboxLimiterRegistry();
    const a = mailSource(emu, { limiters });
    const b = mailSource(emu, { limiters });
    const ids = emu.listFolder(MAILBOX, 'inbox').map((m) => m.id);
    await a.source.listInbox({ receivedFrom: null, pageSize: 1 }); // tokens in place before the burst
    await b.source.listInbox({ receivedFrom: null, pageSize: 1 });
    emu.stats.reset();
    const gate = limiters.get({ graphHost: new URL(emu.baseUrl).host, mailbox: MAILBOX }, () => {
      throw new Error('the mail sources should have registered their limiter');
    }).gate;
    const release = emu.holdRequests();
    const calls = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? a : b).source.getMessage(ids[i % ids.length]!),
    );
    // Graph holds the first requests; wait until every call has either reached it or queued in our gate.
    await emu.waitForStats((s) => s.inFlight === 4);
    for (let tick = 0; tick < 1000 && gate.inFlight + gate.waiting < 20; tick++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(gate.waiting, 16);
    assert.equal(emu.stats.inFlight, 4);
    assert.equal(emu.stats.throttled, 0);
    release();
    const messages = await Promise.all(calls);
    assert.ok(messages.every((m) => m !== null));
    assert.equal(emu.stats.throttled, 0);
    assert.equal(emu.stats.total, 20);
    assert.equal(Math.max(...Object.values(emu.stats.maxConcurrentByMailbox)), 4);
  });
});
