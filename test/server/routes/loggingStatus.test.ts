import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const HEALTHY = 'healthy-log@contoso.example';
const FAILING = 'failing-log@contoso.example';
const OFF = 'off-log@contoso.example';
const DAY = 86_400_000;

function run(mailbox: string, startedAt: Date, outcome: string, counts: Record<string, number> = {}) {
  return {
    runId: `${mailbox}-${startedAt.getTime()}-${outcome}`,
    mailbox,
    instanceId: 'test',
    trigger: 'schedule',
    startedAt,
    finishedAt: new Date(startedAt.getTime() + 1000),
    outcome,
    counts,
    errors:
      outcome === 'failed'
        ? [
            {
              context: 'get_messages',
              code: 'auth_failed',
              message: 'Secret expired',
              messageId: null,
              at: startedAt,
            },
          ]
        : [],
  };
}

describe('logging status and trend (admin): health, last and next run, ledger counts, logged mail per day', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('lstatus');
  let h: ApiHarness;
  // Taken when the suite's data is written, not when the file is loaded: in a slow full run the runs below would
  // otherwise be minutes old, and a next run in the past is shown as "now".
  let now: Date;
  let today: Date;

  before(async () => {
    now = new Date();
    today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    h = await startApiHarness(tdb().conn, { seed: false });
    for (const [mailbox, enabled] of [
      [HEALTHY, true],
      [FAILING, true],
      [OFF, false],
    ] as const) {
      const r = await h.request('PUT', `/api/v1/logging/setups/${mailbox}`, {
        token: 'admin',
        body: { enabled, intervalSeconds: 600 },
      });
      assert.equal(r.status, 201, r.text);
    }
    // The newest run of each mailbox; never before today (UTC), so the trend below knows where it counts.
    const earlier = new Date(Math.max(now.getTime() - 60_000, today.getTime()));
    await h.raw('jobRuns').insertMany([
      run(HEALTHY, new Date(today.getTime() - 2 * DAY + 3_600_000), 'succeeded', {
        logged: 3,
        entriesWritten: 4,
      }),
      run(HEALTHY, new Date(today.getTime() - 2 * DAY + 7_200_000), 'succeeded', {
        logged: 2,
        entriesWritten: 2,
      }),
      run(HEALTHY, new Date(today.getTime() - 20 * DAY), 'succeeded', { logged: 50, entriesWritten: 50 }),
      run(HEALTHY, earlier, 'partial', { logged: 1, entriesWritten: 1 }),
      run(FAILING, new Date(now.getTime() - 120_000), 'succeeded', { logged: 1 }),
      run(FAILING, new Date(now.getTime() - 90_000), 'failed'),
      run(FAILING, earlier, 'failed'),
    ]);
    await h.raw('messageStates').insertMany(
      ['a', 'b'].map((id, i) => ({
        _id: `${HEALTHY}#${id}` as never,
        mailbox: HEALTHY,
        messageId: id,
        internetMessageId: null,
        subject: 'Odd',
        state: i === 0 ? 'quarantined' : 'failing',
        reason: 'No sender',
        code: 'no_sender',
        attempts: 1,
        updatedAt: now,
      })),
    );
  });
  after(() => h?.close());

  it('reports each mailbox as healthy, failing or disabled, with its last run and earliest next run', async () => {
    const r = await h.request('GET', '/api/v1/logging/status', { token: 'admin' });
    assert.equal(r.status, 200, r.text);
    const byMailbox = new Map(r.json.items.map((i: { mailbox: string }) => [i.mailbox, i]));
    assert.deepEqual([...byMailbox.keys()], [FAILING, HEALTHY, OFF]);
    const healthy = byMailbox.get(HEALTHY) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    // Its runs succeed in part, but a message keeps failing: that is not silent.
    assert.deepEqual(
      [healthy.health, healthy.lastRun.outcome, healthy.quarantined, healthy.failingMessages],
      ['failing', 'partial', 1, 1],
    );
    const lastFinished = Date.parse(healthy.lastRun.finishedAt);
    assert.equal(Date.parse(healthy.nextRunAt), lastFinished + 600_000);
    const failing = byMailbox.get(FAILING) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(
      [failing.health, failing.consecutiveFailures, failing.lastRun.errors[0].context],
      ['failing', 2, 'get_messages'],
    );
    const off = byMailbox.get(OFF) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual([off.health, off.lastRun, off.nextRunAt], ['disabled', null, null]);
    assert.equal(off.archive, null, 'no run has looked at its archive folder');
  });

  it("shows the archive folder the last run used and how full it is (the engine's record)", async () => {
    const checkedAt = new Date('2026-12-01T08:00:00Z');
    await h.raw('loggingSetups').updateOne(
      { mailbox: HEALTHY },
      {
        $set: {
          archiveStatus: {
            folder: 'archive/2026 (2)',
            itemCount: 120_000,
            sizeBytes: 491_520_000,
            level: 'warning',
            reasons: ['120,000 items: Outlook slows down above 100,000 per folder'],
            checkedAt,
          },
        },
      },
    );
    const r = await h.request('GET', '/api/v1/logging/status', { token: 'admin' });
    const healthy = r.json.items.find((i: { mailbox: string }) => i.mailbox === HEALTHY);
    assert.deepEqual(healthy.archive, {
      folder: 'archive/2026 (2)',
      itemCount: 120_000,
      sizeBytes: 491_520_000,
      level: 'warning',
      reasons: ['120,000 items: Outlook slows down above 100,000 per folder'],
      checkedAt: checkedAt.toISOString(),
    });
  });

  it('sums logged mail per UTC day, oldest first, with empty days as zero', async () => {
    const r = await h.request('GET', `/api/v1/logging/setups/${HEALTHY}/trend?days=3`, { token: 'admin' });
    assert.equal(r.status, 200, r.text);
    const day = (offset: number) => new Date(today.getTime() + offset * DAY).toISOString().slice(0, 10);
    assert.deepEqual(r.json.days, [
      { date: day(-2), messages: 5, entries: 6 },
      { date: day(-1), messages: 0, entries: 0 },
      { date: day(0), messages: 1, entries: 1 },
    ]);
    const all = await h.request('GET', `/api/v1/logging/setups/${HEALTHY}/trend`, { token: 'admin' });
    assert.equal(all.json.days.length, 14);
    const missing = await h.request('GET', '/api/v1/logging/setups/nobody@contoso.example/trend', {
      token: 'admin',
    });
    assert.equal(missing.status, 404);
  });

  it('shows where the link check stands: nothing before its first run, then its last run and counts', async () => {
    const before = await h.request('GET', '/api/v1/logging/link-check', { token: 'admin' });
    assert.equal(before.status, 200, before.text);
    assert.deepEqual([before.json.lastRun, before.json.totals.healed], [null, 0]);
    const counts = { checked: 101, ok: 0, updated: 0, healed: 100, lost: 1, skipped: 0 };
    const at = new Date('2026-12-02T10:00:00Z');
    await h.raw('linkChecks').updateOne(
      { _id: 'link-check' as never },
      {
        $set: {
          lastRun: { startedAt: at, finishedAt: at, requests: 202, counts, stoppedBy: 'done', error: null },
          totals: counts,
          lastPassFinishedAt: at,
        },
      },
      { upsert: true },
    );
    const after = (await h.request('GET', '/api/v1/logging/link-check', { token: 'admin' })).json;
    assert.deepEqual(
      [after.lastRun.requests, after.lastRun.stoppedBy, after.totals.healed, after.totals.lost],
      [202, 'done', 100, 1],
    );
    assert.equal(after.lastPassFinishedAt, at.toISOString());
    const denied = await h.request('GET', '/api/v1/logging/link-check', { token: 'salesperson' });
    assert.equal(denied.status, 403);
  });

  it("checks the salespeople's and contacts' addresses: invalid ones and ones several records share", async () => {
    const clean = await h.request('GET', '/api/v1/directory/check', { token: 'admin' });
    assert.equal(clean.status, 200, clean.text);
    const issuesBefore = clean.json.issues.length;
    // Two contacts with one address (the API refuses the second; data imported before it checked did not), and a
    // salesperson whose address has no domain.
    const r = await h.request('POST', '/api/v1/contacts', {
      token: 'admin',
      body: { name: 'Twin One', kind: 'person', email: 'twins@shared.example' },
    });
    assert.equal(r.status, 201, r.text);
    const first = (await h.raw('contacts').findOne({ number: r.json.number }))!;
    const { _id: _ignored, ...copy } = first;
    await h.raw('contacts').insertOne({ ...copy, number: 'CT999999', name: 'Twin Two' });
    const made = [{ number: r.json.number as string }, { number: 'CT999999' }];
    const sp = await h.request('POST', '/api/v1/salespeople', {
      token: 'admin',
      body: { code: 'ZQ', name: 'Zoe Quist', email: 'zoe.quist@contoso.example', active: true },
    });
    assert.equal(sp.status, 201, sp.text);
    const salesperson = { code: 'ZQ' };
    await h.raw('salespeople').updateOne({ code: salesperson.code }, { $set: { email: 'not-an-address' } });
    const contact = { email: 'twins@shared.example', number: made.map((c) => c.number).sort()[0]! };
    const after = (await h.request('GET', '/api/v1/directory/check', { token: 'admin' })).json;
    assert.equal(after.issues.length, issuesBefore + 2, JSON.stringify(after.issues));
    const shared = after.issues.find(
      (i: { kind: string; email: string }) =>
        i.kind === 'shared_email' && i.email === contact.email.toLowerCase(),
    );
    assert.ok(shared, 'the shared address');
    assert.equal(shared.owners[0].id, contact.number, 'the lowest number first: mail is logged for it');
    assert.equal(shared.owners.length, 2);
    const invalid = after.issues.find((i: { kind: string }) => i.kind === 'invalid_email');
    assert.deepEqual(invalid.owners, [{ type: 'salesperson', id: salesperson.code, via: null }]);
    const denied = await h.request('GET', '/api/v1/directory/check', { token: 'salesperson' });
    assert.equal(denied.status, 403);
  });

  it('is for admins only', async () => {
    const r = await h.request('GET', '/api/v1/logging/status', { token: 'salesperson' });
    assert.equal(r.status, 403);
  });
});
