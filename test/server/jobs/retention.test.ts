// The retention job on a real database: off by default; with N months it deletes exactly the entries older than
// that, at most its batch limit a run (batches of 50), the next run going on where the last stopped; progress and
// totals are on the setting, and a run that deleted something writes one audit line by the system.
import assert from 'node:assert/strict';
import { retentionCutoff, RetentionJob } from '../../../server/jobs/retention.js';
import { createLogger } from '../../../server/logging/logger.js';
import { AuditRepository } from '../../../server/repositories/audit.js';
import { wrapConnection } from '../../../server/repositories/db.js';
import { createRepositories, type Repositories } from '../../../server/repositories/index.js';
import type { NewInteraction } from '../../../server/repositories/interactions.js';
import { RetentionRepository } from '../../../server/repositories/retention.js';
import { AuditService } from '../../../server/services/audit.js';
import { useTestDatabase } from '../../support/db.js';
import { seedDirectory } from '../../support/engineHarness.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

function entry(i: number, occurredAt: Date): NewInteraction {
  return {
    messageKey: `<m${i}@fabrikam.example>`,
    contactNumber: 'CT000001',
    contactCompanyNumber: 'CT000100',
    salespersonCode: 'PH',
    occurredAt,
    direction: 'inbound',
    initiatedBy: 'them',
    subject: `Message ${i}`,
    description: `Message ${i}`,
    message: {
      mailbox: null,
      internetMessageId: null,
      immutableId: null,
      webLink: null,
      conversationId: null,
    },
    archiveState: 'none',
    source: 'manual',
    createdBy: 'test',
  };
}

describe('retention job', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('retention');
  let r: Repositories;
  let retention: RetentionRepository;
  let job: RetentionJob;
  before(async () => {
    const db = await wrapConnection(tdb().conn);
    await seedDirectory(db);
    r = createRepositories(db, { instanceId: 'retention-test', now: () => NOW });
    retention = new RetentionRepository(db.models);
    const audit = new AuditService({
      audit: new AuditRepository(db.models),
      interactions: r.interactions,
      opportunities: r.opportunities,
      now: () => NOW,
    });
    job = new RetentionJob({
      retention,
      audit,
      log: createLogger({ level: 'silent' }),
      now: () => NOW,
      maxBatches: 2,
    });
    // 130 entries older than 12 months (one a day, from 400 days back), 20 within them.
    const old = Array.from({ length: 130 }, (_, i) => entry(i, new Date(NOW.getTime() - (400 + i) * DAY)));
    const recent = Array.from({ length: 20 }, (_, i) => entry(1000 + i, new Date(NOW.getTime() - i * DAY)));
    await r.interactions.writeIdempotent([...old, ...recent]);
  });

  const count = () => r.db.conn.db!.collection('interactions').countDocuments();

  it('is off until an admin sets it: nothing is deleted', async () => {
    assert.equal(await job.runOnce(), null);
    assert.equal(await count(), 150);
    assert.equal((await retention.get()).months, null);
  });

  it('cuts off calendar months', () => {
    assert.equal(retentionCutoff(NOW, 12).toISOString(), '2025-06-15T12:00:00.000Z');
    assert.equal(
      retentionCutoff(new Date('2026-03-31T08:00:00Z'), 1).toISOString(),
      '2026-02-28T08:00:00.000Z',
    );
    assert.equal(
      retentionCutoff(new Date('2026-01-15T00:00:00Z'), 25).toISOString(),
      '2023-12-15T00:00:00.000Z',
    );
  });

  it('deletes at most its batches a run, goes on in the next, and stops at the cutoff', async () => {
    await retention.setMonths(12, 'annette.admin@contoso.example', NOW);
    assert.deepEqual(await job.runOnce(), { deleted: 100, more: true });
    assert.equal(await count(), 50);
    const mid = await retention.get();
    assert.deepEqual([mid.lastRun?.deleted, mid.lastRun?.more, mid.totalDeleted], [100, true, 100]);
    assert.equal(mid.lastRun?.cutoff.toISOString(), '2025-06-15T12:00:00.000Z');

    assert.deepEqual(await job.runOnce(), { deleted: 30, more: false });
    assert.deepEqual(await job.runOnce(), { deleted: 0, more: false });
    const left = await r.db.conn.db!.collection('interactions').find({}).toArray();
    assert.equal(left.length, 20);
    assert.ok(left.every((e) => e.occurredAt >= retentionCutoff(NOW, 12)));
    const done = await retention.get();
    assert.deepEqual([done.lastRun?.deleted, done.totalDeleted], [0, 130]);
  });

  it('writes one audit line by the system for each run that deleted something', async () => {
    const lines = await r.db.conn.db!.collection('audit').find({ action: 'retention.delete' }).toArray();
    assert.deepEqual(
      lines.map((l) => [l.userId, l.detail.entries, l.detail.months]),
      [
        ['system', 100, 12],
        ['system', 30, 12],
      ],
    );
  });

  it('runs on its timer once started and stops cleanly', async () => {
    await r.interactions.writeIdempotent([entry(5000, new Date(NOW.getTime() - 800 * DAY))]);
    job.start();
    const deadline = Date.now() + 10_000;
    while ((await count()) !== 20 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    await job.stop();
    assert.equal(await count(), 20);
  });
});
