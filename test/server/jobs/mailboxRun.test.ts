import assert from 'node:assert/strict';
import { startEngineHarness, MAILBOX, type EngineHarness } from '../../support/engineHarness.js';
import { useTestDatabase } from '../../support/db.js';

describe('logging engine: one run over the demo mailbox (emulator over HTTPS, real MSAL and Graph SDK)', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('engine');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn);
    h.emu.loadFixture('demo-mailbox');
  });
  after(() => h?.close());

  it('logs inbound and outbound mail as Business Central does and handles every other message by policy', async () => {
    const run = await h.run();
    assert.equal(run.outcome, 'partial', JSON.stringify(run.errors)); // the poison message is reported
    assert.deepEqual(
      {
        read: run.counts.read,
        logged: run.counts.logged,
        entries: run.counts.entriesWritten,
        archived: run.counts.archived,
      },
      { read: 6, logged: 3, entries: 5, archived: 3 },
    );
    assert.deepEqual(
      {
        deleted: run.counts.deleted,
        kept: run.counts.kept,
        quarantined: run.counts.quarantined,
        failed: run.counts.failed,
      },
      { deleted: 1, kept: 1, quarantined: 1, failed: 0 },
    );
    const entries = await h.db.models.Interaction.find({}).sort({ entryNumber: 1 }).lean();
    const lines = entries.map((e) => `${e.direction}:${e.contactNumber}:${e.salespersonCode}`).sort();
    assert.deepEqual(lines, [
      'inbound:CT000001:PH',
      'inbound:CT000002:MN',
      'inbound:CT000002:PH',
      'outbound:CT000001:PH',
      'outbound:CT000002:PH',
    ]);
    // Inbound uses receivedDateTime, outbound sentDateTime (stored UTC).
    const inbound = entries.find((e) => e.direction === 'inbound' && e.contactNumber === 'CT000001')!;
    assert.equal(inbound.occurredAt.toISOString(), '2025-03-03T08:15:00.000Z');
    const outbound = entries.find((e) => e.direction === 'outbound' && e.contactNumber === 'CT000001')!;
    assert.equal(outbound.occurredAt.toISOString(), '2025-03-03T09:01:57.000Z');

    // Every entry links to its archived message by an immutable id that resolves in the archive folder.
    const archived = h.emu.listFolder(MAILBOX, 'archive');
    assert.equal(archived.length, 3);
    for (const e of entries) {
      assert.equal(e.archiveState, 'archived');
      const msg = archived.find((m) => m.id === e.message.immutableId);
      assert.ok(msg, `entry ${e.entryNumber} links to a message in the archive`);
      assert.equal(e.message.webLink, msg.webLink);
    }
    const inbox = h.emu.listFolder(MAILBOX, 'inbox');
    assert.deepEqual(
      inbox.map((m) => m.subject),
      ['Draft: follow-up to Northwind'],
    );
    const quarantine = h.emu.listFolder(MAILBOX, 'Interlog quarantine');
    assert.deepEqual(
      quarantine.map((m) => m.subject),
      ['Undeliverable: Quote'],
    );
    const states = await h.deps.states.list(MAILBOX, 'quarantined', 10);
    assert.equal(states[0]?.code, 'empty_sender');
    assert.equal(h.emu.listFolder(MAILBOX, 'junkemail').length, 1, 'Junk is never read');
  });

  it('a second run writes nothing new and keeps the JobRun history', async () => {
    const before = await h.db.models.Interaction.countDocuments({});
    const run = await h.run();
    assert.equal(run.counts.entriesWritten, 0);
    assert.equal(await h.db.models.Interaction.countDocuments({}), before);
    const history = await h.deps.jobRuns.recent(MAILBOX, 10);
    assert.equal(history.length, 2);
    assert.ok(history.every((r) => r.finishedAt !== null));
  });
});
