import assert from 'node:assert/strict';
import type { Database } from '../../../server/repositories/db.js';
import { generateMail } from '../../support/mailGenerator.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { useTestDatabase } from '../../support/db.js';

async function entryKeys(db: Database): Promise<string[]> {
  const rows = await db.models.Interaction.find(
    {},
    { messageKey: 1, contactNumber: 1, salespersonCode: 1 },
  ).lean();
  return rows.map((r) => `${r.messageKey}|${r.contactNumber}|${r.salespersonCode}`);
}

describe('logging engine at volume (1,000 messages, many pages)', function () {
  this.timeout(300_000);

  describe('with 10% injected faults (429, 503, 504, connection resets)', () => {
    const tdb = useTestDatabase('volfaults');
    let h: EngineHarness;
    before(async () => {
      h = await startEngineHarness(tdb().conn, { emulator: { seed: 7 } });
    });
    after(() => h?.close());

    it('ends with exactly the expected entries, every message archived or handled by policy, no duplicates', async () => {
      const mail = generateMail(1000);
      for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
      const mailPaths = /\/v1\.0\/users\//;
      h.emu.faults.add({ pathPattern: mailPaths, kind: '503', probability: 0.03 });
      h.emu.faults.add({ pathPattern: mailPaths, kind: '504', probability: 0.02 });
      h.emu.faults.add({ pathPattern: mailPaths, kind: '429', probability: 0.03, retryAfterSeconds: 0.05 });
      h.emu.faults.add({ pathPattern: mailPaths, kind: 'reset', probability: 0.02 });

      const runs = [];
      for (let i = 0; i < 8 && h.emu.listFolder(MAILBOX, 'inbox').length > 0; i++) runs.push(await h.run());
      assert.ok(
        runs.every((r) => r.outcome !== 'failed'),
        JSON.stringify(runs.map((r) => r.errors.slice(0, 3))),
      );
      assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0, 'nothing left in the Inbox');

      const keys = await entryKeys(h.db);
      assert.equal(keys.length, mail.expectedEntries.size, 'no duplicates, nothing missing');
      assert.deepEqual(new Set(keys), mail.expectedEntries);
      assert.equal(h.emu.listFolder(MAILBOX, 'archive').length, mail.expectedArchived);
      assert.equal(h.emu.listFolder(MAILBOX, 'deleteditems').length, mail.expectedDeleted);
      const states = await h.db.models.Interaction.find({}, { archiveState: 1 }).lean();
      const pending = states.filter((e) => e.archiveState !== 'archived').length;
      assert.equal(pending, 0, 'every entry has its archive link');
      assert.ok(
        h.emu.stats.byStatus['503']! > 0 && h.emu.stats.byStatus['0']! > 0,
        'faults were really injected',
      );
    });
  });

  describe('without faults', () => {
    const tdb = useTestDatabase('volclean');
    let h: EngineHarness;
    before(async () => {
      h = await startEngineHarness(tdb().conn, { setup: { batchSize: 100 } });
    });
    after(() => h?.close());

    it('never hits the 4-concurrent-request limit and logs everything in one run', async () => {
      const mail = generateMail(1000);
      for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
      h.emu.stats.reset();
      const run = await h.run();
      assert.equal(run.outcome, 'succeeded', JSON.stringify(run.errors.slice(0, 3)));
      assert.equal(h.emu.stats.throttled, 0, '429 ApplicationThrottled count');
      assert.ok(Math.max(...Object.values(h.emu.stats.maxConcurrentByMailbox)) <= 4);
      assert.equal(run.counts.read, 1000);
      assert.equal(run.counts.entriesWritten, mail.expectedEntries.size);
      assert.equal(run.counts.archived, mail.expectedArchived);
      assert.equal(run.counts.deleted, mail.expectedDeleted);
    });
  });
});
