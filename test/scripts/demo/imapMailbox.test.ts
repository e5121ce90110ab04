// The demo logging mailbox on IMAP (`npm start -- --imap`, issue 14, point 4): the week's newest mail is put in a
// real Dovecot's Inbox, the demo's setup points at it (provider 'imap'), and one logging run over it logs the
// loggable mail for the seeded salespeople and contacts, leaving the Inbox empty.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { demoMailStream, isLoggable, splitDemoWeek } from '../../../scripts/demo/conversations.js';
import { startDemoImapMailbox, type DemoImapMailbox } from '../../../scripts/demo/imapMailbox.js';
import { DEMO_MAILBOX } from '../../../scripts/demo/mailbox.js';
import { seedDemoData } from '../../../scripts/demo/seed.js';
import { engineDepsOf } from '../../../server/jobs/engine.js';
import { runMailbox } from '../../../server/jobs/mailboxRun.js';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { wrapConnection } from '../../../server/repositories/db.js';
import { createRepositories } from '../../../server/repositories/index.js';
import { createSecretBox } from '../../../server/security/secretBox.js';
import { useTestDatabase } from '../../support/db.js';

describe('demo mailbox on IMAP (scripts/demo/imapMailbox.ts)', function () {
  this.timeout(120_000);
  const testDb = useTestDatabase('demoimap');
  let demo: DemoImapMailbox | undefined;
  after(() => demo?.close());

  it("delivers the week's Inbox mail to Dovecot, and a logging run over the demo's setup logs it", async () => {
    const now = new Date();
    const db = await wrapConnection(testDb().conn);
    assert.equal(await seedDemoData(db, now), true);
    const secrets = createSecretBox(crypto.randomBytes(32));
    demo = await startDemoImapMailbox(
      db,
      secrets,
      {
        cert: process.env.INTERLOG_DEV_CERT!,
        key: process.env.INTERLOG_DEV_KEY!,
        ca: process.env.INTERLOG_DEV_CA!,
      },
      { now: () => now, arrivalEveryMs: 3_600_000 },
    );
    const { inbox } = splitDemoWeek(demoMailStream({ now }).week);
    assert.equal(demo.delivered(), inbox.length);

    const repos = createRepositories(db, { instanceId: 'demo-imap-test' });
    const setup = (await repos.setups.get(DEMO_MAILBOX))!;
    assert.deepEqual(
      [setup.provider, setup.enabled, setup.imap?.port, setup.imap?.security],
      ['imap', true, demo.servers.imapPort, 'starttls'],
    );
    const env = {
      graphBaseUrl: 'https://graph.invalid',
      authorityHost: 'https://login.invalid',
      secrets,
      setups: repos.setups,
    };
    const source = mailSourceForSetup(setup, env);
    let counts = {};
    try {
      const run = await runMailbox(
        engineDepsOf(repos, () => new Date(), 'demo-imap-test'),
        setup,
        source,
        {
          trigger: 'manual',
        },
      );
      assert.equal(run.outcome, 'succeeded', JSON.stringify(run.errors));
      counts = run.counts;
    } finally {
      await source.close?.();
    }
    const loggable = inbox.filter(isLoggable).map((m) => m.internetMessageId);
    assert.ok(loggable.length > 0, 'the demo Inbox has mail to log');
    const entries = await db.models.Interaction.find({ messageKey: { $in: loggable } }).lean();
    const logged = new Set(entries.map((e) => e.messageKey));
    const missing = loggable.filter((id) => !logged.has(id));
    assert.deepEqual(
      missing,
      [],
      `every loggable message of the Inbox is logged (${JSON.stringify(counts)})`,
    );
    const status = demo.servers.doveadm(['mailbox', 'status', '-u', DEMO_MAILBOX, 'messages', 'INBOX']);
    assert.match(status, /messages=0/, 'the run emptied the Inbox');
  });
});
