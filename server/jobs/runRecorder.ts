// Accumulates a run's counts and errors in memory and saves them to its JobRun document now and then
// (so a long run shows progress) and at the end.
import crypto from 'node:crypto';
import type { JobRunRepository, JobRun } from '../repositories/jobRuns.js';
import { JOB_RUN_COUNTERS, type ErrorContext, type JobRunCounter } from '../../shared/loggingVocabulary.js';

/** Errors a run keeps (the newest): a mailbox of 100,000 failing messages must not grow a run without bound. */
export const MAX_KEPT_ERRORS = 200;

export class RunRecorder {
  readonly run: JobRun;
  private lastSave = 0;
  /** Every error recorded, kept or not (the outcome depends on it). */
  private errorCount = 0;

  constructor(
    private readonly repo: JobRunRepository,
    init: Pick<JobRun, 'mailbox' | 'instanceId' | 'trigger'>,
    private readonly now: () => Date,
  ) {
    this.run = {
      ...init,
      runId: crypto.randomUUID(),
      startedAt: now(),
      finishedAt: null,
      outcome: 'running',
      counts: Object.fromEntries(JOB_RUN_COUNTERS.map((c) => [c, 0])) as Record<JobRunCounter, number>,
      errors: [],
    };
  }

  async start(): Promise<void> {
    await this.repo.start(this.run);
    this.lastSave = this.now().getTime();
  }

  count(counter: JobRunCounter, n = 1): void {
    this.run.counts[counter] += n;
  }

  error(context: ErrorContext, code: string, message: string, messageId: string | null = null): void {
    this.errorCount++;
    this.run.errors.push({ context, code, message: message.slice(0, 2000), messageId, at: this.now() });
    if (this.run.errors.length > MAX_KEPT_ERRORS) this.run.errors.shift();
  }

  /** Saves progress at most every few seconds. */
  async checkpoint(): Promise<void> {
    if (this.now().getTime() - this.lastSave < 5000) return;
    this.lastSave = this.now().getTime();
    await this.repo.save(this.run);
  }

  async finish(fatal: boolean): Promise<JobRun> {
    this.run.finishedAt = this.now();
    this.run.outcome = fatal ? 'failed' : this.errorCount > 0 ? 'partial' : 'succeeded';
    await this.repo.save(this.run);
    return this.run;
  }
}
