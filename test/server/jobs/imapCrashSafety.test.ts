// Crash safety on the IMAP source (issue 14): the logging worker (the CLI, its own process) killed with SIGKILL at
// random moments while it works a Dovecot mailbox, 20 times, then left to finish: every expected entry exactly
// once, every logged message in Archive, every unmatched one in Trash, no intent left. As the Graph test
// (crashSafety.test.ts), with only the mail source different.
import assert from 'node:assert/strict';
import { exitOf, spawnCli } from '../../support/cliProcess.js';
import { testDatabaseUri, useTestDatabase } from '../../support/db.js';
import {
  IMAP_MAILBOX,
  startImapEngineHarness,
  type ImapEngineHarness,
} from '../../support/imapEngineHarness.js';
import { generateMail } from '../../support/mailGenerator.js';

/** Seeded PRNG (mulberry32): the kill moments repeat from run to run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crash safety on IMAP: the logging worker killed with SIGKILL at random moments (Dovecot)', function () {
  this.timeout(600_000);
  const tdb = useTestDatabase('imapcrash');
  let h: ImapEngineHarness;
  before(async () => {
    h = await startImapEngineHarness(tdb().conn, { setup: { batchSize: 25 } });
  });
  after(() => h?.close());

  const env = (i: number): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'test',
    MONGODB_URI: testDatabaseUri(tdb().name),
    TLS_CERT_FILE: process.env.INTERLOG_DEV_CERT!,
    TLS_KEY_FILE: process.env.INTERLOG_DEV_KEY!,
    SECRETS_KEY: h.secretsKey.toString('base64'),
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'silent',
    LEASE_TTL_SECONDS: '1',
    INSTANCE_ID: `worker-${i}`,
  });

  it('ends, after 20 killed runs and clean ones, with every expected entry exactly once and no message lost', async () => {
    const mail = generateMail(600, '2026-01-05T08:00:00Z', 'imapcrash');
    const arriving = [...mail.messages];
    const random = prng(14);
    for (let i = 0; i < 20; i++) {
      for (const m of arriving.splice(0, 30)) await h.append(m);
      const child = spawnCli(['run-once', '--mailbox', IMAP_MAILBOX], env(i));
      // Kill once the worker has started its run (its JobRun is recorded), at a random moment of it.
      const started = (await h.deps.jobRuns.recent(IMAP_MAILBOX, 100)).length;
      const deadline = Date.now() + 20_000;
      while (
        (await h.deps.jobRuns.recent(IMAP_MAILBOX, 100)).length === started &&
        child.exitCode === null &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, random() * 600));
      if (child.exitCode === null) child.kill('SIGKILL');
      await exitOf(child);
      await new Promise((r) => setTimeout(r, 1100)); // let the dead worker's lease expire
    }
    const runs = await h.deps.jobRuns.recent(IMAP_MAILBOX, 100);
    assert.ok(runs.length >= 15, `only ${runs.length} of 20 workers started a run before the kill`);

    for (let i = 0; i < 10; i++) {
      const child = spawnCli(['run-once', '--mailbox', IMAP_MAILBOX], env(100 + i));
      const code = await exitOf(child);
      assert.notEqual(code, 1, child.output());
      const pending = await h.db.models.PendingArchive.countDocuments({});
      if (code === 0 && (await h.count('INBOX')) === 0 && pending === 0) break;
      await new Promise((r) => setTimeout(r, 1100));
    }

    const rows = await h.db.models.Interaction.find(
      {},
      { messageKey: 1, contactNumber: 1, salespersonCode: 1, archiveState: 1, message: 1 },
    ).lean();
    const keys = rows.map((r) => `${r.messageKey}|${r.contactNumber}|${r.salespersonCode}`);
    assert.equal(keys.length, mail.expectedEntries.size, 'exactly once');
    assert.deepEqual(new Set(keys), mail.expectedEntries);
    assert.equal(await h.count('INBOX'), 0);
    assert.equal(await h.count('Archive'), mail.expectedArchived, 'every logged message archived once');
    assert.equal(await h.count('Trash'), mail.expectedDeleted);
    assert.equal(await h.db.models.PendingArchive.countDocuments({}), 0);
    assert.ok(rows.every((r) => r.archiveState === 'archived'));
    // Every entry links to a message in Archive: the id's folder, or found there by its Message-ID.
    assert.ok(rows.every((r) => r.message.immutableId?.startsWith('imap1:')));
    const after = await h.deps.jobRuns.recent(IMAP_MAILBOX, 100);
    assert.equal(after.filter((r) => r.outcome === 'running').length, 0);
    assert.ok(after.some((r) => r.errors.some((e) => e.code === 'abandoned')));
  });
});
