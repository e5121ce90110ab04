// A failed archive move never deletes loggable mail: the message is read back by its immutable id and its
// entries follow where it really is; a missing archive folder is resolved again once, else the run stops.
import assert from 'node:assert/strict';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { runMailbox } from '../../../server/jobs/mailboxRun.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };
const MOVE = /\/move$/;
const ARCHIVE = 'CRM archive';

function addCustomerMail(h: EngineHarness, n: number, tag: string): void {
  for (let i = 0; i < n; i++) {
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: `${tag} ${i}`,
      from: ANNA,
      toRecipients: [PETER],
      receivedDateTime: new Date(Date.UTC(2026, 10, 1, 9, 0, i)).toISOString(),
      internetMessageId: `<${tag}-${i}@fabrikam.example>`,
    });
  }
}

/** Read past mongoose (a test's own query needs no declared index). */
async function entriesOf(h: EngineHarness, tag: string) {
  return h.db.conn
    .db!.collection<{
      subject: string;
      archiveState: string;
      message: { immutableId: string | null; webLink: string | null };
    }>('interactions')
    .find({ subject: new RegExp(`^${tag} `) })
    .toArray();
}

describe('logging engine: a failed archive move never deletes mail', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('archivefail');
  let h: EngineHarness;
  beforeEach(async () => {
    await tdb().conn.dropDatabase();
    h = await startEngineHarness(tdb().conn, {
      setup: { batchSize: 20, policy: { archiveFolder: ARCHIVE } as never },
    });
  });
  afterEach(() => h?.close());

  it('a 404 on the move of a message still in the Inbox: not deleted, read back, retried and logged next run', async () => {
    addCustomerMail(h, 3, 'Stays');
    h.emu.faults.add({ method: 'POST', pathPattern: MOVE, kind: '404', times: 1 });
    const first = await h.run();
    assert.equal(first.counts.deleted, 0, JSON.stringify(first.errors));
    assert.equal(first.counts.failed, 1);
    assert.equal(h.emu.listFolder(MAILBOX, 'deleteditems').length, 0, 'nothing in Deleted Items');
    assert.deepEqual(
      h.emu.listFolder(MAILBOX, 'inbox').map((m) => m.subject),
      ['Stays 0'],
      'the message whose move answered 404 is still in the Inbox',
    );
    assert.equal((await entriesOf(h, 'Stays')).length, 2, 'its entries wait for it');
    assert.equal((await h.deps.states.list(MAILBOX, 'failing', 10)).length, 1);

    const second = await h.run();
    assert.equal(second.counts.failed, 0, JSON.stringify(second.errors));
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
    const entries = await entriesOf(h, 'Stays');
    assert.equal(entries.length, 3, 'each message logged exactly once');
    const archived = h.emu.listFolder(MAILBOX, ARCHIVE);
    for (const e of entries) {
      assert.equal(e.archiveState, 'archived');
      assert.ok(archived.some((m) => m.id === e.message.immutableId && m.webLink === e.message.webLink));
    }
  });

  it('a 404 on a move that did move the item: the entries link to where it is, nothing deleted', async () => {
    addCustomerMail(h, 4, 'Moved');
    h.emu.faults.add({ method: 'POST', pathPattern: MOVE, kind: '404-after', times: 2 });
    const run = await h.run();
    assert.deepEqual(
      [run.counts.archived, run.counts.deleted, run.counts.failed, run.counts.logged],
      [4, 0, 0, 4],
      JSON.stringify(run.errors),
    );
    const entries = await entriesOf(h, 'Moved');
    assert.equal(entries.length, 4);
    const archived = h.emu.listFolder(MAILBOX, ARCHIVE);
    for (const e of entries) {
      assert.equal(e.archiveState, 'archived', `entry of ${e.subject} has its link`);
      assert.ok(archived.some((m) => m.id === e.message.immutableId));
    }
  });

  it('the archive folder deleted mid-run: the run stops naming it, nothing deleted; the next run archives all', async () => {
    addCustomerMail(h, 30, 'Folder');
    const setup = await h.setup();
    let removed = false;
    const source = mailSourceForSetup(setup, {
      ...h.env,
      onRequest: (e) => {
        // Right after the first Inbox page was read: the folder ids were resolved before it.
        if (!removed && e.method === 'GET' && e.url.includes('/messages') && e.status === 200) {
          removed = true;
          h.emu.removeFolder(MAILBOX, ARCHIVE);
        }
      },
    });
    const run = await runMailbox(h.deps, setup, source, { trigger: 'manual' });
    assert.equal(run.outcome, 'failed');
    assert.ok(
      run.errors.some((e) => e.code === 'archive_folder_missing' && e.message.includes(`"${ARCHIVE}"`)),
      JSON.stringify(run.errors),
    );
    assert.equal(run.counts.deleted, 0);
    assert.equal(h.emu.listFolder(MAILBOX, 'deleteditems').length, 0);
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 30, 'every message waits in the Inbox');

    const next = await h.run(); // creates the folder again, as a first run would
    assert.notEqual(next.outcome, 'failed', JSON.stringify(next.errors));
    assert.equal(h.emu.listFolder(MAILBOX, ARCHIVE).length, 30);
    const entries = await entriesOf(h, 'Folder');
    assert.equal(entries.length, 30, 'every message logged exactly once');
    assert.ok(entries.every((e) => e.archiveState === 'archived'));
  });

  it('the archive folder recreated by the admin mid-run: moves go to the new folder, the run succeeds', async () => {
    addCustomerMail(h, 30, 'Recreated');
    const setup = await h.setup();
    let recreated = false;
    const source = mailSourceForSetup(setup, {
      ...h.env,
      onRequest: (e) => {
        if (!recreated && e.method === 'GET' && e.url.includes('/messages') && e.status === 200) {
          recreated = true;
          h.emu.removeFolder(MAILBOX, ARCHIVE);
          h.emu.addMailbox({
            address: MAILBOX,
            displayName: 'Email logging',
            folders: [{ displayName: ARCHIVE }],
          });
        }
      },
    });
    const run = await runMailbox(h.deps, setup, source, { trigger: 'manual' });
    assert.deepEqual(
      [run.outcome, run.counts.archived, run.counts.deleted],
      ['succeeded', 30, 0],
      JSON.stringify(run.errors),
    );
    assert.equal(h.emu.listFolder(MAILBOX, ARCHIVE).length, 30);
    assert.equal((await entriesOf(h, 'Recreated')).length, 30);
  });
});
