// The emulated messages/delta through the real Graph SDK, as Microsoft documents it: a full first round paged by
// nextLink (Prefer: odata.maxpagesize), a deltaLink that later returns only what arrived or came back, and what
// left the folder as @removed; moves between pages shift nothing; an expired sync state answers 410.
import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import { appToken, graphClient, graphError, MAILBOX, startTestEmulator } from './test-helpers.js';

const DELTA = `/users/${MAILBOX}/mailFolders/inbox/messages/delta`;
const PREFER = { Prefer: 'IdType="ImmutableId", odata.maxpagesize=3' };

interface DeltaPage {
  value: { id: string; subject?: string; '@removed'?: { reason: string } }[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

describe('Graph emulator: messages/delta', () => {
  let emu: GraphEmulator;
  let client: Client;
  beforeEach(async () => {
    emu = await startTestEmulator();
    client = graphClient(emu, await appToken(emu));
  });
  afterEach(() => emu.close());

  /** Follows a round to its deltaLink; `between` runs after each page (e.g. moving its messages away). */
  async function round(first: () => Promise<DeltaPage>, between?: (p: DeltaPage) => void) {
    const pages: DeltaPage[] = [];
    let page = await first();
    for (;;) {
      pages.push(page);
      between?.(page);
      if (!page['@odata.nextLink']) break;
      page = await client.api(page['@odata.nextLink']).headers(PREFER).get();
    }
    return { pages, deltaLink: page['@odata.deltaLink']!, items: pages.flatMap((p) => p.value) };
  }

  it('pages the whole Inbox by the preferred page size, stable while its messages are moved away', async () => {
    for (let i = 0; i < 8; i++) emu.addMessage(MAILBOX, 'inbox', { subject: `Extra ${i}` });
    const inbox = emu.listFolder(MAILBOX, 'inbox');
    assert.ok(inbox.length > 6, 'enough mail for three pages');
    const r = await round(
      () => client.api(DELTA).headers(PREFER).select('subject,receivedDateTime').get(),
      (p) => p.value.forEach((m) => emu.moveMessage(MAILBOX, m.id, 'archive')),
    );
    assert.ok(r.pages.slice(0, -1).every((p) => p.value.length === 3));
    assert.deepEqual(r.items.map((m) => m.id).sort(), inbox.map((m) => m.id).sort(), 'each message once');
    assert.ok(
      r.items.every((m) => Object.keys(m).sort().join() === '@odata.etag,id,receivedDateTime,subject'),
    );
    assert.match(r.deltaLink, /\/messages\/delta\?\$deltatoken=/);
    assert.equal(emu.listFolder(MAILBOX, 'inbox').length, 0);

    // Next round: the moves show as @removed; new mail and mail moved back (an old received time) as items.
    const arrived = emu.addMessage(MAILBOX, 'inbox', { subject: 'New today' });
    const old = emu.listFolder(MAILBOX, 'archive').at(-1)!;
    emu.moveMessage(MAILBOX, old.id, 'inbox');
    const next = await round(() => client.api(r.deltaLink).headers(PREFER).get());
    const items = next.items.filter((m) => !m['@removed']);
    assert.deepEqual(items.map((m) => m.id).sort(), [arrived.id, old.id].sort());
    const removed = next.items.filter((m) => m['@removed']);
    assert.equal(removed.length, inbox.length - 1, 'every move out, except the one that came back');
    assert.ok(removed.every((m) => m['@removed']!.reason === 'deleted'));

    const quiet = await round(() => client.api(next.deltaLink).headers(PREFER).get());
    assert.deepEqual(quiet.items, [], 'nothing changed since');
  });

  it('a later round whose new mail fills a page exactly lists its removals on the next page', async () => {
    const first = await round(() => client.api(DELTA).headers(PREFER).get());
    const gone = emu.listFolder(MAILBOX, 'inbox').slice(0, 2);
    gone.forEach((m) => emu.moveMessage(MAILBOX, m.id, 'archive'));
    const arrived = [0, 1, 2].map(
      (i) => emu.addMessage(MAILBOX, 'inbox', { subject: `Page-filler ${i}` }).id,
    );
    const next = await round(() => client.api(first.deltaLink).headers(PREFER).get());
    assert.deepEqual(
      next.pages[0]!.value.map((m) => m.id).sort(),
      [...arrived].sort(),
      'a full page of items',
    );
    const removed = next.items.filter((m) => m['@removed']).map((m) => m.id);
    assert.deepEqual(removed.sort(), gone.map((m) => m.id).sort(), 'then each removal once');
  });

  it('answers 410 SyncStateNotFound for an expired sync state, and a new round starts over', async () => {
    const r = await round(() => client.api(DELTA).headers(PREFER).get());
    emu.expireDeltaTokens();
    const err = await graphError(client.api(r.deltaLink).headers(PREFER).get());
    assert.deepEqual([err.statusCode, err.code], [410, 'SyncStateNotFound']);
    const again = await round(() => client.api(DELTA).headers(PREFER).get());
    assert.equal(again.items.length, emu.listFolder(MAILBOX, 'inbox').length);
  });

  it('refuses options change tracking does not support', async () => {
    const err = await graphError(client.api(DELTA).orderby('receivedDateTime').get());
    assert.equal(err.statusCode, 400);
    const filter = await graphError(client.api(DELTA).filter("subject eq 'x'").get());
    assert.equal(filter.statusCode, 400);
  });
});
