// The whole BCC path with real mail servers: mail submitted to Postfix over SMTP is BCC'd by the company's rules
// (sender_bcc_maps / recipient_bcc_maps) into the logging mailbox in Dovecot, and the same engine that runs on
// Graph logs it through the IMAP source: entries written once, logged mail in Archive, unmatched mail deleted
// by policy, poison quarantined, a second run and a run that died mid-way never write anything twice.
import assert from 'node:assert/strict';
import type { MailOperation, MailSource } from '../../../server/mailsource/MailSource.js';
import type { Logger } from '../../../server/logging/logger.js';
import { LinkCheckJob } from '../../../server/jobs/linkCheck.js';
import { decodeMessageId } from '../../../server/mailsource/imap/ids.js';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { LinkCheckRepository } from '../../../server/repositories/linkChecks.js';
import { QuarantineReleaseService } from '../../../server/services/quarantineRelease.js';
import { useTestDatabase } from '../../support/db.js';
import {
  startImapEngineHarness,
  IMAP_MAILBOX,
  type ImapEngineHarness,
} from '../../support/imapEngineHarness.js';

const PETER = 'peter.hansen@contoso.example';
const MARIA = 'maria.nielsen@contoso.example';
const ANNA = 'anna.jensen@fabrikam.example';
const LARS = 'lars.berg@northwind.example';

function headers(from: string | null, to: string[], subject: string, id: string, date: string): string[] {
  return [
    ...(from ? [`From: ${from}`] : []),
    `To: ${to.join(', ')}`,
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    `Date: ${date}`,
  ];
}

/** A run that dies inside the mailbox work: before its moves, or after them (its intents are left either way). */
function dying(when: 'before' | 'after'): (source: MailSource) => MailSource {
  return (source) => ({
    ...source,
    async applyMany(ops: MailOperation[]) {
      if (when === 'after') await source.applyMany(ops);
      throw new Error(`process died ${when} its moves`);
    },
  });
}

describe('IMAP source through the logging engine: Postfix BCC -> Dovecot -> entries (real mail servers)', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('imapengine');
  let h: ImapEngineHarness;
  before(async () => {
    h = await startImapEngineHarness(tdb().conn);
  });
  after(() => h?.close());

  const entries = () => h.db.models.Interaction.find({}).sort({ entryNumber: 1 }).lean();

  it('logs outbound and inbound mail BCC-copied by Postfix, deletes unmatched mail and quarantines poison', async () => {
    await h.send(
      PETER,
      [ANNA],
      headers(
        `Peter Hansen <${PETER}>`,
        [ANNA],
        'Quote',
        'quote-1@contoso.example',
        'Mon, 3 Mar 2025 09:01:57 +0000',
      ),
    );
    await h.send(
      ANNA,
      [PETER, MARIA],
      headers(
        `Anna Jensen <${ANNA}>`,
        [PETER, MARIA],
        'Re: Quote',
        'reply-1@fabrikam.example',
        'Mon, 3 Mar 2025 10:30:00 +0000',
      ),
    );
    await h.send(
      'news@elsewhere.example',
      [PETER],
      headers(
        'News <news@elsewhere.example>',
        [PETER],
        'Offers',
        'news-1@elsewhere.example',
        'Mon, 3 Mar 2025 11:00:00 +0000',
      ),
    );
    await h.send(
      'bounce@elsewhere.example',
      [MARIA],
      headers(null, [MARIA], 'No sender', 'nosender-1@elsewhere.example', 'Mon, 3 Mar 2025 12:00:00 +0000'),
    );
    await h.waitForCount('INBOX', 4);

    const run = await h.run();
    assert.deepEqual(
      {
        read: run.counts.read,
        logged: run.counts.logged,
        entries: run.counts.entriesWritten,
        archived: run.counts.archived,
      },
      { read: 4, logged: 2, entries: 3, archived: 2 },
      JSON.stringify(run),
    );
    assert.deepEqual(
      { deleted: run.counts.deleted, quarantined: run.counts.quarantined, failed: run.counts.failed },
      { deleted: 1, quarantined: 1, failed: 0 },
    );
    const logged = await entries();
    assert.deepEqual(logged.map((e) => `${e.direction}:${e.contactNumber}:${e.salespersonCode}`).sort(), [
      'inbound:CT000001:MN',
      'inbound:CT000001:PH',
      'outbound:CT000001:PH',
    ]);
    const outbound = logged.find((e) => e.direction === 'outbound')!;
    assert.equal(outbound.occurredAt.toISOString(), '2025-03-03T09:01:57.000Z', 'outbound: the Date: header');
    assert.deepEqual(
      {
        inbox: await h.count('INBOX'),
        archive: await h.count('Archive'),
        trash: await h.count('Trash'),
        quarantine: await h.count('Interlog quarantine'),
      },
      { inbox: 0, archive: 2, trash: 1, quarantine: 1 },
    );
    // Every entry links to its message in Archive, by an id the source resolves.
    const source = mailSourceForSetup(await h.setup(), h.env);
    for (const e of logged) {
      assert.equal(e.archiveState, 'archived');
      const msg = await source.getMessage(e.message.immutableId!);
      assert.equal(msg?.parentFolderId, 'Archive');
      assert.equal(msg?.internetMessageId, e.message.internetMessageId);
    }
    await (source as { close?: () => Promise<void> }).close?.();
    const states = await h.deps.states.list(IMAP_MAILBOX, 'quarantined', 10);
    assert.equal(states[0]?.code, 'empty_sender');
  });

  it('a second run reads nothing new and writes nothing', async () => {
    const before = (await entries()).length;
    const run = await h.run();
    assert.equal(run.counts.read, 0);
    assert.equal(run.counts.entriesWritten, 0);
    assert.equal((await entries()).length, before);
  });

  for (const when of ['before', 'after'] as const) {
    it(`a run that dies ${when} its moves leaves intents that the next run completes once`, async () => {
      const id = `crash-${when}@contoso.example`;
      await h.send(
        PETER,
        [LARS],
        headers(`Peter Hansen <${PETER}>`, [LARS], `Crash ${when}`, id, 'Tue, 4 Mar 2025 09:00:00 +0000'),
      );
      await h.waitForCount('INBOX', 1);
      const archivedBefore = await h.count('Archive');
      const died = await h.run({}, dying(when));
      assert.notEqual(died.outcome, 'succeeded');
      assert.equal((await h.repos.pending.list(IMAP_MAILBOX, 10)).length, 1, 'the intent is left');
      assert.equal(await h.count('INBOX'), when === 'before' ? 1 : 0);

      const next = await h.run();
      assert.equal(next.counts.recovered, 1, JSON.stringify(next));
      assert.equal(next.counts.entriesWritten, 1);
      assert.equal((await h.repos.pending.list(IMAP_MAILBOX, 10)).length, 0);
      assert.equal(await h.count('INBOX'), 0);
      assert.equal(await h.count('Archive'), archivedBefore + 1);
      const mine = (await entries()).filter((e) => e.message.internetMessageId === `<${id}>`);
      assert.equal(mine.length, 1, 'written once');
      assert.equal(mine[0]!.archiveState, 'archived');

      const again = await h.run();
      assert.equal(again.counts.entriesWritten, 0);
    });
  }

  it('a UIDVALIDITY change (the Inbox recreated) reads the Inbox again in full without duplicates', async () => {
    // Someone moves a logged message back into the Inbox, and the server renumbers the Inbox.
    const lock = await h.admin.getMailboxLock('Archive');
    try {
      await h.admin.messageCopy({ header: { 'message-id': 'quote-1@contoso.example' } }, 'INBOX');
    } finally {
      lock.release();
    }
    h.servers.doveadm(['mailbox', 'update', '-u', IMAP_MAILBOX, '--uid-validity', '4242', 'INBOX']);
    const before = (await entries()).length;
    const run = await h.run();
    assert.equal(run.counts.read, 1, JSON.stringify(run));
    assert.equal(run.counts.duplicate, 1, 'its entries exist: refused as duplicates');
    assert.equal(run.counts.entriesWritten, 0);
    assert.equal((await entries()).length, before);
    assert.equal(await h.count('INBOX'), 0, 'archived again');
    assert.match((await h.setup()).inboxCursor!.link, /"uidValidity":"4242"/);
  });

  it('quarantined mail released by an admin goes back to the Inbox and is processed again by its id', async () => {
    const [state] = await h.deps.states.list(IMAP_MAILBOX, 'quarantined', 10);
    assert.ok(state, 'the message without a sender waits in quarantine');
    const release = new QuarantineReleaseService({
      setups: h.repos.setups,
      states: h.repos.states,
      sourceFor: (setup) => mailSourceForSetup(setup, h.env),
      now: () => new Date(),
    });
    const log = { info: () => {} } as unknown as Logger;
    const result = await release.release(IMAP_MAILBOX, { messageIds: [state.messageId] }, 'admin', log);
    assert.deepEqual(result, { released: 1, notFound: [], failed: [] });
    assert.equal(await h.count('INBOX'), 1);
    assert.equal(await h.count('Interlog quarantine'), 0);
    // The ledger keeps the id it had in quarantine: the source finds the message in the Inbox by Message-ID.
    const run = await h.run();
    assert.equal(run.counts.quarantined, 1, JSON.stringify(run)); // still without a sender: back to quarantine
    assert.equal(await h.count('INBOX'), 0);
    assert.equal(await h.count('Interlog quarantine'), 1);
  });

  it('the link check finds a logged mail someone moved out of Archive by its Message-ID and heals its entries', async () => {
    const ofReply = async () =>
      (await entries()).filter((e) => e.messageKey === '<reply-1@fabrikam.example>');
    const before = await ofReply();
    assert.equal(before.length, 2, 'one entry per salesperson');
    assert.equal(decodeMessageId(before[0]!.message!.immutableId!).folder, 'Archive');
    await h.admin.mailboxCreate('Customers');
    const lock = await h.admin.getMailboxLock('Archive');
    try {
      await h.admin.messageMove({ header: { 'message-id': 'reply-1@fabrikam.example' } }, 'Customers');
    } finally {
      lock.release();
    }
    const check = new LinkCheckJob({
      repo: new LinkCheckRepository(h.db.models),
      setups: h.repos.setups,
      sourceFor: (setup) => mailSourceForSetup(setup, h.env),
      leases: h.repos.leases,
      owner: 'test#1',
      log: { info: () => {}, warn: () => {}, error: () => {} } as unknown as Logger,
      requestsPerHour: 10_000,
      requestsPerRun: 10_000,
    });
    const run = await check.runOnce();
    // An IMAP id carries the Message-ID: the source's own look-up by id finds the moved mail (Graph's needs a search).
    assert.deepEqual([run?.counts.updated, run?.counts.lost], [1, 0], JSON.stringify(run));
    for (const e of await ofReply()) {
      const ref = decodeMessageId(e.message!.immutableId!);
      assert.equal(ref.folder, 'Customers', 'the entry links to where the mail is now');
      assert.equal(e.linkState, 'ok');
      const source = mailSourceForSetup(await h.setup(), h.env);
      try {
        const found = await source.getMessageContent(e.message!.immutableId!);
        assert.equal(found?.internetMessageId, '<reply-1@fabrikam.example>');
      } finally {
        await source.close?.();
      }
    }
  });
});
