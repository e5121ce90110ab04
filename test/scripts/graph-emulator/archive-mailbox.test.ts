// Moves into the archive mailbox change immutable ids (Microsoft: "Lifetime of immutable IDs"); the item stays
// findable by its internetMessageId on /messages, which is how Interlog's link check heals a link.
import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import { appToken, graphClient, graphError, IMMUTABLE, MAILBOX, startTestEmulator } from './test-helpers.js';

describe('Graph emulator: the archive mailbox and the internetMessageId filter', () => {
  let emu: GraphEmulator;
  let client: Client;

  beforeEach(async () => {
    emu = await startTestEmulator();
    client = graphClient(emu, await appToken(emu));
  });

  afterEach(async () => {
    await emu.close();
  });

  const byInternetId = (id: string) =>
    client
      .api(`/users/${MAILBOX}/messages`)
      .header('Prefer', IMMUTABLE.Prefer)
      .query({ $filter: `internetMessageId eq '${id.replace(/'/g, "''")}'`, $select: 'id,webLink' })
      .get();

  it('filters the whole mailbox by internetMessageId, exactly', async () => {
    const msg = emu.addMessage(MAILBOX, 'archive', {
      subject: 'x',
      internetMessageId: "<it's.1@fabrikam.example>",
    });
    emu.addMessage(MAILBOX, 'inbox', { subject: 'y', internetMessageId: '<other@fabrikam.example>' });
    const found = await byInternetId("<it's.1@fabrikam.example>");
    assert.deepEqual(
      found.value.map((m: { id: string }) => m.id),
      [msg.id],
    );
    assert.equal((await byInternetId("<IT'S.1@fabrikam.example>")).value.length, 0, 'case-sensitive');
    const err = await graphError(
      client.api(`/users/${MAILBOX}/messages`).query({ $filter: "internetMessageId gt 'a'" }).get(),
    );
    assert.equal(err.code, 'ErrorInvalidUrlQueryFilter');
  });

  it('a move inside the mailbox keeps the immutable id; into the archive mailbox it changes', async () => {
    const msg = emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Quote',
      internetMessageId: '<q.7@fabrikam.example>',
    });
    const inside = emu.moveMessage(MAILBOX, msg.id, 'archive');
    assert.equal(inside.id, msg.id);
    const regular = (await client.api(`/users/${MAILBOX}/messages/${msg.id}`).select('id').get())
      .id as string;

    const moved = emu.moveToArchiveMailbox(MAILBOX, msg.id, '2019');
    assert.notEqual(moved.id, msg.id);
    assert.notEqual(moved.webLink, inside.webLink);
    for (const old of [msg.id, regular]) {
      const err = await graphError(client.api(`/users/${MAILBOX}/messages/${old}`).get());
      assert.deepEqual([err.statusCode, err.code], [404, 'ErrorItemNotFound']);
    }
    const again = await client
      .api(`/users/${MAILBOX}/messages/${moved.id}`)
      .header('Prefer', IMMUTABLE.Prefer)
      .get();
    assert.equal(again.subject, 'Quote');
    const found = await byInternetId('<q.7@fabrikam.example>');
    assert.deepEqual(
      [found.value.length, found.value[0].id, found.value[0].webLink],
      [1, moved.id, moved.webLink],
    );
    const page = await fetch(moved.webLink as string);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Quote/);
    assert.equal((await fetch(inside.webLink as string)).status, 404, 'the old link is dead');

    // The archive is a hidden tree: not among the primary mailbox's folders unless hidden ones are asked for.
    const names = async (hidden: boolean) =>
      (
        await client
          .api(`/users/${MAILBOX}/mailFolders`)
          .query({ includeHiddenFolders: String(hidden), $top: '50' })
          .get()
      ).value.map((f: { displayName: string }) => f.displayName);
    assert.ok(!(await names(false)).includes('In-Place Archive'));
    assert.ok((await names(true)).includes('In-Place Archive'));
  });
});
