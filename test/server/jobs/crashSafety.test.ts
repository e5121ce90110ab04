import assert from 'node:assert/strict';
import { generateMail } from '../../support/mailGenerator.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { cliEnv, exitOf, spawnCli } from '../../support/cliProcess.js';
import { useTestDatabase } from '../../support/db.js';

/** Seeded PRNG (mulberry32): the kill moments repeat from run to run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crash safety: the logging worker killed with SIGKILL at random moments', function () {
  this.timeout(600_000);
  const tdb = useTestDatabase('crash');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, { emulator: { latencyMs: 20 }, setup: { batchSize: 25 } });
  });
  after(() => h?.close());

  it('ends, after 20 killed runs and a clean one, with every expected entry exactly once and no message lost', async () => {
    // Mail keeps arriving: 60 new messages before each run, so every run has work to be killed in.
    const mail = generateMail(1200);
    const arriving = [...mail.messages];
    const random = prng(42);
    const env = (i: number) => cliEnv(h, tdb().name, { LEASE_TTL_SECONDS: '1', INSTANCE_ID: `worker-${i}` });
    let killedMidRun = 0;
    for (let i = 0; i < 20; i++) {
      for (const m of arriving.splice(0, 60)) h.emu.addMessage(MAILBOX, 'inbox', m);
      const child = spawnCli(['run-once', '--mailbox', MAILBOX], env(i));
      const before = h.emu.stats.total;
      // Kill at a random moment after the worker first reached Graph (start-up time varies with load).
      const deadline = Date.now() + 15_000;
      while (h.emu.stats.total === before && child.exitCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, random() * 700));
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        if (h.emu.stats.total > before) killedMidRun++;
      }
      await exitOf(child);
      await new Promise((r) => setTimeout(r, 1100)); // let the dead worker's lease expire
    }
    assert.ok(killedMidRun >= 10, `only ${killedMidRun} kills landed while the worker was talking to Graph`);

    for (let i = 0; i < 10; i++) {
      const child = spawnCli(['run-once', '--mailbox', MAILBOX], env(100 + i));
      const code = await exitOf(child);
      assert.notEqual(code, 1, child.output());
      const pending = await h.db.models.PendingArchive.countDocuments({});
      if (code === 0 && h.emu.listFolder(MAILBOX, 'inbox').length === 0 && pending === 0) break;
      await new Promise((r) => setTimeout(r, 1100));
    }

    const rows = await h.db.models.Interaction.find(
      {},
      { messageKey: 1, contactNumber: 1, salespersonCode: 1, archiveState: 1 },
    ).lean();
    const keys = rows.map((r) => `${r.messageKey}|${r.contactNumber}|${r.salespersonCode}`);
    assert.equal(keys.length, mail.expectedEntries.size, 'exactly once');
    assert.deepEqual(new Set(keys), mail.expectedEntries);
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
    assert.equal(
      h.emu.listFolder(MAILBOX, 'archive').length,
      mail.expectedArchived,
      'every logged message archived',
    );
    assert.equal(h.emu.listFolder(MAILBOX, 'deleteditems').length, mail.expectedDeleted);
    assert.equal(await h.db.models.PendingArchive.countDocuments({}), 0);
    assert.ok(rows.every((r) => r.archiveState === 'archived'));
    // Every entry links to its message in the archive.
    const archivedIds = new Set(h.emu.listFolder(MAILBOX, 'archive').map((m) => m.id));
    const linked = await h.db.models.Interaction.find({}, { message: 1 }).lean();
    assert.ok(linked.every((r) => archivedIds.has(r.message.immutableId!)));
    // Runs cut short by a kill are closed as failed ("abandoned") by the next worker, never left running.
    const runs = await h.deps.jobRuns.recent(MAILBOX, 100);
    assert.equal(runs.filter((r) => r.outcome === 'running').length, 0);
    assert.ok(runs.some((r) => r.errors.some((e) => e.code === 'abandoned')));
  });
});
