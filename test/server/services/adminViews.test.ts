import assert from 'node:assert/strict';
import type { JobRun } from '../../../server/repositories/jobRuns.js';
import { countsPerDay, mailboxHealth } from '../../../server/services/adminViews.js';

const NOW = new Date('2025-06-10T12:00:00Z');

function run(
  outcome: JobRun['outcome'],
  finishedAt: string | null,
  startedAt = '2025-06-10T11:00:00Z',
): JobRun {
  return {
    runId: `${outcome}-${startedAt}`,
    mailbox: 'log@contoso.example',
    instanceId: 'i',
    trigger: 'schedule',
    startedAt: new Date(startedAt),
    finishedAt: finishedAt ? new Date(finishedAt) : null,
    outcome,
    counts: {} as JobRun['counts'],
    errors: [],
  };
}

const enabled = { enabled: true, intervalSeconds: 600, runRequestedAt: null };

describe('admin views: mailbox health and logged mail per day (pure)', () => {
  it('is disabled when not enabled, whatever the runs say', () => {
    const h = mailboxHealth({ ...enabled, enabled: false }, [run('failed', '2025-06-10T11:59:00Z')], NOW);
    assert.deepEqual([h.health, h.nextRunAt, h.consecutiveFailures], ['disabled', null, 1]);
  });

  it('counts failures in a row from the newest finished run; a run in progress has no next run', () => {
    const runs = [
      run('running', null, '2025-06-10T11:58:00Z'),
      run('failed', '2025-06-10T11:50:00Z'),
      run('failed', '2025-06-10T11:40:00Z'),
      run('succeeded', '2025-06-10T11:30:00Z'),
      run('failed', '2025-06-10T11:20:00Z'),
    ];
    const h = mailboxHealth(enabled, runs, NOW);
    assert.deepEqual(
      [h.health, h.consecutiveFailures, h.nextRunAt, h.lastRun?.outcome],
      ['failing', 2, null, 'running'],
    );
  });

  it('is healthy after a partial run; the next run is an interval after the last one finished', () => {
    const h = mailboxHealth(enabled, [run('partial', '2025-06-10T11:55:00Z')], NOW);
    assert.deepEqual([h.health, h.nextRunAt?.toISOString()], ['healthy', '2025-06-10T12:05:00.000Z']);
  });

  it('is failing while messages wait in the ledger, even when the runs end partial (no silent stop)', () => {
    const partial = [run('partial', '2025-06-10T11:55:00Z')];
    assert.equal(mailboxHealth(enabled, partial, NOW, 1).health, 'failing');
    assert.equal(mailboxHealth(enabled, partial, NOW, 0).health, 'healthy');
    assert.equal(mailboxHealth({ ...enabled, enabled: false }, partial, NOW, 3).health, 'disabled');
  });

  it('runs at once when never run, when "Run now" was asked, or when the interval is over', () => {
    assert.equal(mailboxHealth(enabled, [], NOW).nextRunAt?.getTime(), NOW.getTime());
    const requested = { ...enabled, runRequestedAt: new Date('2025-06-10T11:59:59Z') };
    assert.equal(mailboxHealth(requested, [run('succeeded', '2025-06-10T11:59:00Z')], NOW).nextRunAt, NOW);
    const overdue = mailboxHealth(enabled, [run('succeeded', '2025-06-10T09:00:00Z')], NOW);
    assert.equal(overdue.nextRunAt?.getTime(), NOW.getTime());
  });

  it('sums runs per UTC day into every day of the range, ignoring runs outside it', () => {
    const first = new Date('2025-06-08T00:00:00Z');
    const days = countsPerDay(
      [
        { startedAt: new Date('2025-06-08T00:00:00Z'), logged: 2, entriesWritten: 3 },
        { startedAt: new Date('2025-06-08T23:59:59Z'), logged: 1, entriesWritten: 1 },
        { startedAt: new Date('2025-06-10T08:00:00Z'), logged: 4, entriesWritten: 5 },
        { startedAt: new Date('2025-06-11T00:00:00Z'), logged: 9, entriesWritten: 9 },
      ],
      first,
      3,
    );
    assert.deepEqual(days, [
      { date: '2025-06-08', messages: 3, entries: 4 },
      { date: '2025-06-09', messages: 0, entries: 0 },
      { date: '2025-06-10', messages: 4, entries: 5 },
    ]);
  });
});
