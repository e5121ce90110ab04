// Leases fence: two processes configured alike (same INSTANCE_ID) never work one mailbox at once, and a process
// whose lease was taken stops before its next page's moves; nothing is lost or doubled either way.
import assert from 'node:assert/strict';
import { acquireMailbox, leaseName, processOwner } from '../../../server/jobs/leasedRun.js';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { LeaseRepository } from '../../../server/repositories/leases.js';
import { cliEnv, exitOf, spawnCli } from '../../support/cliProcess.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { generateMail } from '../../support/mailGenerator.js';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('fenced leases', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('fenced');
  let h: EngineHarness;
  beforeEach(async () => {
    await tdb().conn.dropDatabase();
    h = await startEngineHarness(tdb().conn, { emulator: { latencyMs: 20 }, setup: { batchSize: 25 } });
  });
  afterEach(() => h?.close());

  const entryCount = () => h.db.conn.db!.collection('interactions').countDocuments();

  it('two processes with the same INSTANCE_ID: the second is refused while the first works the mailbox', async () => {
    const mail = generateMail(200);
    for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
    const env = cliEnv(h, tdb().name, { INSTANCE_ID: 'same-name', LEASE_TTL_SECONDS: '30' });
    // The first run holds the lease and waits on Graph (held) until the second has tried and given up.
    const release = h.emu.holdRequests();
    const first = spawnCli(['run-once'], env);
    await waitFor('the first run to start', async () => (await h.deps.jobRuns.recent(MAILBOX, 1)).length > 0);
    const second = spawnCli(['run-once'], env);
    const b = await exitOf(second);
    release();
    const a = await exitOf(first);
    assert.deepEqual([a, b], [0, 75], `${first.output()}\n---\n${second.output()}`);
    assert.match(second.output(), /being processed by another instance/);
    const runs = await h.deps.jobRuns.recent(MAILBOX, 10);
    assert.equal(runs.length, 1, 'one run only');
    assert.equal(await entryCount(), mail.expectedEntries.size);
  });

  it('a process whose lease is taken mid-run stops before its next page, and the new holder finishes', async () => {
    const mail = generateMail(100);
    for (const m of mail.messages) h.emu.addMessage(MAILBOX, 'inbox', m);
    let stealing: Promise<unknown> = Promise.resolve();
    // The real repository; its fence check waits for the steal below to be written (no race in the test).
    const leases = new (class extends LeaseRepository {
      override async stillHeld(lease: Parameters<LeaseRepository['stillHeld']>[0]): Promise<boolean> {
        await stealing;
        return super.stillHeld(lease);
      }
    })(h.db.models);
    const setup = await h.setup();
    let lists = 0;
    let stolen = false;
    const deps = {
      deps: h.deps,
      leases,
      owner: processOwner('victim'),
      leaseTtlMs: 60_000,
      sourceFor: () =>
        mailSourceForSetup(setup, {
          ...h.env,
          onRequest: (e) => {
            // When the second page has been read (the first page's moves are done): take the lease away, as
            // an instance that judged it expired would (a new generation).
            const inboxPage = e.method === 'GET' && e.url.includes('/messages/delta') && e.status === 200;
            if (inboxPage && ++lists === 2 && !stolen) {
              stolen = true;
              stealing = h.db.models.Lease.create({
                _id: `${leaseName(MAILBOX)}#2`,
                name: leaseName(MAILBOX),
                generation: 2,
                owner: 'thief#1',
                expiresAt: new Date(Date.now() + 1000),
              });
            }
          },
        }),
    };
    const victim = await acquireMailbox(deps, setup);
    assert.ok(victim);
    const run = await victim.run({ trigger: 'manual' });
    assert.equal(run.outcome, 'failed');
    assert.ok(
      run.errors.some((e) => e.code === 'lease_lost'),
      JSON.stringify(run.errors),
    );
    assert.equal(run.counts.read, 50, 'two pages read');
    const handled = run.counts.archived + run.counts.deleted + run.counts.moved + run.counts.quarantined;
    assert.equal(handled + run.counts.kept, 25, 'the first page only was acted on');
    assert.equal(
      h.emu.listFolder(MAILBOX, 'inbox').length,
      100 - handled,
      'no move after the lease was lost',
    );

    // The thief's lease runs out; the next holder completes every intent and the Inbox, each entry once.
    await new Promise((r) => setTimeout(r, 1100));
    const next = await acquireMailbox({ ...deps, owner: processOwner('next') }, await h.setup());
    assert.ok(next);
    const finish = await next.run({ trigger: 'manual' });
    assert.notEqual(finish.outcome, 'failed', JSON.stringify(finish.errors));
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
    assert.equal(await entryCount(), mail.expectedEntries.size);
  });
});
