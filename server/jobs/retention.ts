// The retention job: when the deployment's retention is on (months, set in the console), deletes entries that
// occurred more than that many months ago, in batches of 50 and at most `maxBatches` a run, so a first run over
// years of history neither holds the database nor runs unbounded. It needs no cursor to resume: each batch is
// "the oldest entries still due", so a run cut short (or two instances at once) just leaves less for the next.
// Progress (last run, how many, whether more is due, the running total) is on the setting for the console, and
// a run that deleted something writes one audit line.
import { PeriodicTask } from './periodicTask.js';
import type { Logger } from '../logging/logger.js';
import type { RetentionRepository } from '../repositories/retention.js';
import { SYSTEM_ACTOR, type AuditService } from '../services/audit.js';

export interface RetentionJobOptions {
  retention: RetentionRepository;
  audit: Pick<AuditService, 'record'>;
  log: Logger;
  now?: () => Date;
  /** Batches of 50 per run (default 40: 2,000 entries). */
  maxBatches?: number;
  /** Between runs when nothing more is due (default 10 minutes). */
  intervalMs?: number;
  /** Between runs while more is due (default 1 s: other work gets the database in between). */
  busyPauseMs?: number;
}

/** `months` calendar months before `now` (UTC), on the month's last day when it is shorter (31 Mar -> 28 Feb). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

export class RetentionJob {
  private readonly task = new PeriodicTask({
    run: async () =>
      (await this.runOnce())?.more ? (this.o.busyPauseMs ?? 1000) : (this.o.intervalMs ?? 600_000),
    onError: (err) => {
      this.o.log.error({ err }, 'retention job failed');
      return this.o.intervalMs ?? 600_000;
    },
  });

  constructor(private readonly o: RetentionJobOptions) {}

  /** One bounded run; null when retention is off. */
  async runOnce(): Promise<{ deleted: number; more: boolean } | null> {
    const now = this.o.now ?? (() => new Date());
    const { months } = await this.o.retention.get();
    if (months === null) return null;
    const startedAt = now();
    const cutoff = retentionCutoff(startedAt, months);
    const maxBatches = this.o.maxBatches ?? 40;
    let deleted = 0;
    let more = false;
    for (let batch = 0; batch < maxBatches; batch++) {
      const n = await this.o.retention.deleteBatchBefore(cutoff);
      deleted += n;
      more = n > 0 && batch === maxBatches - 1;
      if (n === 0) break;
      if (this.task.stopping) {
        more = true; // shutting down: stop between batches, the next start goes on
        break;
      }
    }
    await this.o.retention.recordRun({ startedAt, finishedAt: now(), cutoff, deleted, more }, deleted);
    if (deleted > 0) {
      await this.o.audit.record(SYSTEM_ACTOR, null, {
        action: 'retention.delete',
        target: { type: 'setting', id: 'retention' },
        detail: { entries: deleted, months },
      });
      this.o.log.info({ deleted, months, more }, 'retention: old entries deleted');
    }
    return { deleted, more };
  }

  start(): void {
    this.task.start();
  }

  /** Lets a run in progress finish its batch, then stops. */
  stop(): Promise<void> {
    return this.task.stop();
  }
}
