import assert from 'node:assert/strict';
import { Scheduler } from '../../../server/jobs/scheduler.js';
import { startEngineHarness, MAILBOX, type EngineHarness } from '../../support/engineHarness.js';
import { useTestDatabase } from '../../support/db.js';
import type { JobRun } from '../../../server/repositories/jobRuns.js';
import { jitterOf } from '../../../server/domain/outcomes.js';
import { mailboxHealth } from '../../../server/services/adminViews.js';

describe('Scheduler: when a mailbox is due', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('scheduler');
  let h: EngineHarness;
  let now = new Date('2026-06-01T12:00:00Z');
  let scheduler: Scheduler;
  before(async () => {
    h = await startEngineHarness(tdb().conn, { setup: { intervalSeconds: 60 } });
    h.deps.now = () => now;
    scheduler = new Scheduler(h.deps, null as never, () => null as never);
  });
  after(() => h?.close());

  let n = 0;
  async function recordRun(outcome: JobRun['outcome'], finishedAt: Date, runId = `r${n++}`): Promise<void> {
    await h.deps.jobRuns.start({
      runId,
      mailbox: MAILBOX,
      instanceId: 'x',
      trigger: 'schedule',
      startedAt: new Date(finishedAt.getTime() - 1000),
      finishedAt,
      outcome,
      counts: {} as JobRun['counts'],
      errors: [],
    });
  }

  it('is due at once when it never ran, then every interval after the last run', async () => {
    assert.equal(await scheduler.isDue(await h.setup()), true);
    await recordRun('succeeded', now);
    assert.equal(await scheduler.isDue(await h.setup()), false);
    now = new Date(now.getTime() + 59_000);
    assert.equal(await scheduler.isDue(await h.setup()), false);
    now = new Date(now.getTime() + 1_000);
    assert.equal(await scheduler.isDue(await h.setup()), true);
  });

  it('backs off exponentially after consecutive failures, and "Run now" skips the wait', async () => {
    const t0 = now;
    for (let i = 3; i > 0; i--) await recordRun('failed', new Date(t0.getTime() - i * 1000));
    await recordRun('failed', t0, 'backoff-4'); // the newest
    // 4 failures: cap = 60 s * 2^3 = 480 s; full jitter, drawn from the last run's id (at least the interval).
    const wait = Math.max(60_000, Math.floor(jitterOf('backoff-4') * 480_000));
    assert.ok(wait > 60_000, `the jitter of this run id gives a wait beyond the interval (${wait} ms)`);
    now = new Date(t0.getTime() + wait - 1);
    assert.equal(await scheduler.isDue(await h.setup()), false);
    // The console shows the same next run as the scheduler decides.
    const shown = mailboxHealth(await h.setup(), await h.deps.jobRuns.recent(MAILBOX, 6), now);
    assert.deepEqual(
      [shown.health, shown.consecutiveFailures, shown.nextRunAt?.getTime()],
      ['failing', 4, t0.getTime() + wait],
    );
    now = new Date(t0.getTime() + wait);
    assert.equal(await scheduler.isDue(await h.setup()), true);
    now = new Date(t0.getTime() + 10_000);
    assert.equal(await scheduler.isDue(await h.setup()), false);
    await h.deps.setups.requestRun(MAILBOX, now);
    assert.equal(await scheduler.isDue(await h.setup()), true);
  });
});
