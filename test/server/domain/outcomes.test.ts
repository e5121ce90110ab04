import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  afterMessageFailure,
  BACKOFF_MAX_MS,
  healthOf,
  isRunFatal,
  isServiceUnavailable,
  jitterOf,
  scheduleOf,
  type RunSummary,
} from '../../../server/domain/outcomes.js';
import { MAIL_SOURCE_ERROR_CODES } from '../../../server/mailsource/MailSource.js';

const T = new Date('2026-12-01T12:00:00Z');
const at = (ms: number) => new Date(T.getTime() + ms);
const summary = (runId: string, outcome: RunSummary['outcome'], finishedMs: number | null): RunSummary => ({
  runId,
  outcome,
  startedAt: at((finishedMs ?? 0) - 1000),
  finishedAt: finishedMs === null ? null : at(finishedMs),
});

describe('domain/outcomes: one table for what an error code means', () => {
  it('stops the run for mailbox-wide causes, never for one message or an unavailable service', () => {
    const fatal = MAIL_SOURCE_ERROR_CODES.filter(isRunFatal);
    assert.deepEqual(fatal, ['auth_failed', 'access_denied', 'mailbox_not_found', 'not_licensed']);
    for (const code of ['secrets_key_mismatch', 'archive_folder_missing']) assert.ok(isRunFatal(code), code);
    for (const code of ['transient', 'throttled', 'not_found', 'invalid_request', 'internal_error'])
      assert.equal(isRunFatal(code), false, code);
    assert.deepEqual(MAIL_SOURCE_ERROR_CODES.filter(isServiceUnavailable), ['throttled', 'transient']);
  });

  it('quarantines a message after the maximum of attempts, whatever its error', () => {
    assert.deepEqual(
      [1, 4, 5, 6].map((n) => afterMessageFailure(n, 5)),
      ['retry', 'retry', 'quarantine', 'quarantine'],
    );
    assert.equal(afterMessageFailure(1, 1), 'quarantine');
  });

  it('is failing after a failed run or while messages wait in the ledger', () => {
    assert.equal(healthOf({ enabled: true, consecutiveFailures: 0, failingMessages: 0 }), 'healthy');
    assert.equal(healthOf({ enabled: true, consecutiveFailures: 1, failingMessages: 0 }), 'failing');
    assert.equal(healthOf({ enabled: true, consecutiveFailures: 0, failingMessages: 2 }), 'failing');
    assert.equal(healthOf({ enabled: false, consecutiveFailures: 3, failingMessages: 2 }), 'disabled');
  });

  it('schedules the interval after a run, at once when asked, nothing while running', () => {
    const setup = { intervalSeconds: 60, runRequestedAt: null };
    assert.deepEqual(scheduleOf(setup, [], T), { consecutiveFailures: 0, nextRunAt: T });
    assert.deepEqual(scheduleOf(setup, [summary('a', 'partial', 0)], T).nextRunAt, at(60_000));
    assert.equal(scheduleOf(setup, [summary('b', 'running', null)], T).nextRunAt, null);
    assert.deepEqual(
      scheduleOf({ ...setup, runRequestedAt: T }, [summary('c', 'failed', 0)], at(5)).nextRunAt,
      at(5),
    );
  });

  it('backs off failed runs within [interval, min(1 h, interval * 2^(n-1))], the same for every reader', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.string({ minLength: 1 }), (failures, lastId) => {
        const runs = Array.from({ length: failures }, (_, i) =>
          summary(i === 0 ? lastId : `older-${i}`, 'failed', 0),
        );
        const setup = { intervalSeconds: 60, runRequestedAt: null };
        const s = scheduleOf(setup, [...runs, summary('ok', 'succeeded', -5000)], T);
        const wait = s.nextRunAt!.getTime() - T.getTime();
        const cap = Math.min(BACKOFF_MAX_MS, 60_000 * 2 ** (failures - 1));
        assert.equal(s.consecutiveFailures, failures);
        assert.ok(wait >= 60_000 && wait <= Math.max(60_000, cap), `${wait} ms after ${failures} failures`);
        assert.deepEqual(scheduleOf(setup, runs, at(123)).nextRunAt, s.nextRunAt, 'not a fresh draw');
      }),
    );
    assert.ok(jitterOf('x') >= 0 && jitterOf('x') < 1);
    assert.notEqual(jitterOf('run-1'), jitterOf('run-2'));
  });
});
