import assert from 'node:assert/strict';
import { generateMail } from '../../support/mailGenerator.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { cliEnv } from '../../support/cliProcess.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';
import { useTestDatabase } from '../../support/db.js';

async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 120_000,
  explain: () => Promise<string> = async () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; ${await explain()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two server instances on one database and mailbox', function () {
  this.timeout(300_000);
  const tdb = useTestDatabase('multi');
  let h: EngineHarness;
  const servers: Record<string, ServerProcess> = {};
  before(async () => {
    h = await startEngineHarness(tdb().conn, {
      emulator: { latencyMs: 15 },
      setup: { batchSize: 25, intervalSeconds: 3600 },
    });
    for (const id of ['A', 'B']) {
      const env = cliEnv(h, tdb().name, {
        SCHEDULER_ENABLED: 'true',
        SCHEDULER_TICK_MS: '200',
        LEASE_TTL_SECONDS: '2',
        INSTANCE_ID: id,
      });
      servers[id] = await startServer(
        Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>,
      );
    }
  });
  after(async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    await h?.close();
  });

  /** What the runs and the mailbox looked like, for a timeout's message. */
  const state = async () =>
    JSON.stringify({
      inbox: h.emu.listFolder(MAILBOX, 'inbox').length,
      pending: await h.db.models.PendingArchive.countDocuments({}),
      runs: (await h.deps.jobRuns.recent(MAILBOX, 10)).map((r) => [
        r.instanceId,
        r.trigger,
        r.outcome,
        r.startedAt,
        r.finishedAt,
        r.counts,
        r.errors.map((e) => `${e.code}: ${e.message}`),
      ]),
      setup: await h.db.models.LoggingSetup.collection.findOne({ mailbox: MAILBOX }),
      graph: { byStatus: h.emu.stats.byStatus, subscriptions: h.emu.subscriptions.stats },
      servers: Object.fromEntries(Object.entries(servers).map(([id, s]) => [id, s.output().slice(-3000)])),
    });

  const entryKeys = async () =>
    (
      await h.db.models.Interaction.find({}, { messageKey: 1, contactNumber: 1, salespersonCode: 1 }).lean()
    ).map((r) => `${r.messageKey}|${r.contactNumber}|${r.salespersonCode}`);

  it('processes each message once: runs never overlap and every message is read once', async () => {
    const mail = generateMail(300);
    for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
    await h.deps.setups.requestRun(MAILBOX, new Date());
    await waitFor(
      'the Inbox to be empty',
      async () =>
        h.emu.listFolder(MAILBOX, 'inbox').length === 0 &&
        (await h.db.models.PendingArchive.countDocuments({})) === 0,
    );
    await waitFor('the run to finish', async () =>
      (await h.deps.jobRuns.recent(MAILBOX, 10)).every((r) => r.outcome !== 'running'),
    );
    const runs = await h.deps.jobRuns.recent(MAILBOX, 50);
    const read = runs.reduce((n, r) => n + r.counts.read, 0);
    assert.equal(read, 300, 'each message read exactly once across both instances');
    const sorted = [...runs].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    for (let i = 1; i < sorted.length; i++)
      assert.ok(sorted[i]!.startedAt >= sorted[i - 1]!.finishedAt!, 'runs overlap');
    const keys = await entryKeys();
    assert.equal(keys.length, mail.expectedEntries.size);
    assert.deepEqual(new Set(keys), mail.expectedEntries);
  });

  it('when the instance working the mailbox dies, the other takes the lease over after it expires', async () => {
    const mail = generateMail(600, '2026-02-01T08:00:00Z', 'takeover');
    for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
    const before = new Set(await entryKeys());
    const archivedBefore = h.emu.listFolder(MAILBOX, 'archive').length;
    await h.deps.setups.requestRun(MAILBOX, new Date());
    let worker = '';
    // Killed while it works: some of this mail archived already (the first test's archived mail does not count).
    await waitFor('a run to start', async () => {
      const running = (await h.deps.jobRuns.recent(MAILBOX, 5)).find((r) => r.outcome === 'running');
      worker = running?.instanceId ?? '';
      return worker !== '' && h.emu.listFolder(MAILBOX, 'archive').length > archivedBefore;
    });
    servers[worker]!.child.kill('SIGKILL');
    const survivor = worker === 'A' ? 'B' : 'A';
    await waitFor(
      'the survivor to finish the Inbox',
      async () =>
        h.emu.listFolder(MAILBOX, 'inbox').length === 0 &&
        (await h.db.models.PendingArchive.countDocuments({})) === 0,
      120_000,
      state,
    );
    await waitFor('the survivor run to finish', async () =>
      (await h.deps.jobRuns.recent(MAILBOX, 10)).every((r) => r.outcome !== 'running'),
    );
    const runs = await h.deps.jobRuns.recent(MAILBOX, 50);
    const abandoned = runs.find(
      (r) => r.instanceId === worker && r.errors.some((e) => e.code === 'abandoned'),
    );
    assert.ok(
      abandoned,
      `the dead instance run is closed as abandoned: ${JSON.stringify(runs.map((r) => [r.instanceId, r.outcome, r.startedAt, r.errors.map((e) => e.code)]))} worker=${worker}`,
    );
    assert.ok(
      runs.some((r) => r.instanceId === survivor && r.startedAt > abandoned.startedAt),
      'the survivor ran after it',
    );
    const keys = (await entryKeys()).filter((k) => !before.has(k));
    assert.equal(keys.length, mail.expectedEntries.size, 'no duplicates, nothing lost');
    assert.deepEqual(new Set(keys), mail.expectedEntries);
  });
});
