import assert from 'node:assert/strict';
import type { JobRunRepository } from '../../../server/repositories/jobRuns.js';
import { MAX_KEPT_ERRORS, RunRecorder } from '../../../server/jobs/runRecorder.js';

describe('RunRecorder', () => {
  const saved: unknown[] = [];
  const repo = {
    start: async () => {},
    save: async (r: unknown) => void saved.push(r),
  } as unknown as JobRunRepository;

  it('keeps the newest errors only, and still ends a run with any error as partial', async () => {
    const r = new RunRecorder(
      repo,
      { mailbox: 'm@x.example', instanceId: 'i', trigger: 'manual' },
      () => new Date(),
    );
    await r.start();
    for (let i = 0; i < 10_000; i++) r.error('process_message', 'transient', `failure ${i}`, `id-${i}`);
    assert.equal(r.run.errors.length, MAX_KEPT_ERRORS);
    assert.equal(r.run.errors.at(-1)?.message, 'failure 9999');
    assert.equal(r.run.errors[0]?.message, `failure ${10_000 - MAX_KEPT_ERRORS}`);
    assert.equal((await r.finish(false)).outcome, 'partial');
  });

  it('ends a run without errors as succeeded and a fatal one as failed', async () => {
    const ok = new RunRecorder(
      repo,
      { mailbox: 'm@x.example', instanceId: 'i', trigger: 'manual' },
      () => new Date(),
    );
    assert.equal((await ok.finish(false)).outcome, 'succeeded');
    const bad = new RunRecorder(
      repo,
      { mailbox: 'm@x.example', instanceId: 'i', trigger: 'manual' },
      () => new Date(),
    );
    bad.error('get_messages', 'auth_failed', 'revoked');
    assert.equal((await bad.finish(true)).outcome, 'failed');
  });
});
