// The link check (issue 13, "links that heal"): walks the logged entries newest first and asks Graph whether each
// message is still where its link says. A message whose immutable id no longer answers (moved into the archive
// mailbox, exported and imported again) is searched by its internetMessageId and every entry of it gets the new
// id and webLink; one found neither way is marked link lost with the date, for the pane and the console.
// - Rate-limited: a budget of Graph requests per hour (LINK_CHECK_REQUESTS_PER_HOUR), spent across runs and
//   instances alike because it is kept in the job's state document; the logging loop keeps Graph's allowance.
// - One instance at a time: whoever takes the "link-check" lease (repositories/leases.ts) runs it.
// - Resumable: the keyset position of the pass is saved after every batch; a pass that reached the oldest entry
//   rests `passIntervalMs` before the next one starts at the newest again.
import { PeriodicTask } from './periodicTask.js';
import type { Logger } from '../logging/logger.js';
import type { MailSource } from '../mailsource/MailSource.js';
import type { LeaseRepository } from '../repositories/leases.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import {
  NO_COUNTS,
  type LinkCheckCounts,
  type LinkCheckRepository,
  type LinkCheckRunDoc,
} from '../repositories/linkChecks.js';
import { checkBatch } from './linkCheckBatch.js';

export const LINK_CHECK_LEASE = 'link-check';
const HOUR = 3_600_000;

export interface LinkCheckOptions {
  repo: LinkCheckRepository;
  setups: Pick<LoggingSetupRepository, 'get'>;
  sourceFor(setup: LoggingSetup): MailSource;
  leases: LeaseRepository;
  /** This process's lease owner (engine.owner). */
  owner: string;
  log: Logger;
  /** Graph requests per hour, all mailboxes together; 0 turns the check off. */
  requestsPerHour: number;
  now?: () => Date;
  /** Entries read per batch (default 50). */
  batchSize?: number;
  /** Requests one run may send (default: a twelfth of the hourly budget, so an hour's work is spread out). */
  requestsPerRun?: number;
  /** Rest between two full passes (default 24 h). */
  passIntervalMs?: number;
  /** Between runs (default 5 minutes). */
  intervalMs?: number;
  leaseTtlMs?: number;
}

const add = (a: LinkCheckCounts, b: LinkCheckCounts): LinkCheckCounts => ({
  checked: a.checked + b.checked,
  ok: a.ok + b.ok,
  updated: a.updated + b.updated,
  healed: a.healed + b.healed,
  lost: a.lost + b.lost,
  skipped: a.skipped + b.skipped,
});

export class LinkCheckJob {
  private readonly task = new PeriodicTask({
    run: async () => {
      await this.runOnce();
      return this.o.intervalMs ?? 300_000;
    },
    onError: (err) => {
      this.o.log.error({ err }, 'link check failed');
      return this.o.intervalMs ?? 300_000;
    },
  });

  constructor(private readonly o: LinkCheckOptions) {}

  private now(): Date {
    return this.o.now ? this.o.now() : new Date();
  }

  /** One bounded run; null when off, resting between passes, or another instance holds the lease. */
  async runOnce(): Promise<LinkCheckRunDoc | null> {
    if (this.o.requestsPerHour <= 0) return null;
    const lease = await this.o.leases.acquire(LINK_CHECK_LEASE, this.o.owner, this.o.leaseTtlMs ?? 120_000);
    if (!lease) return null;
    try {
      return await this.run(lease);
    } finally {
      await this.o.leases.release(lease).catch(() => {});
    }
  }

  private async run(lease: Parameters<LeaseRepository['stillHeld']>[0]): Promise<LinkCheckRunDoc | null> {
    const startedAt = this.now();
    const state = await this.o.repo.get();
    const interval = this.o.passIntervalMs ?? 24 * HOUR;
    let { cursor, passStartedAt, pass } = state;
    if (!passStartedAt) {
      if (state.lastPassFinishedAt && startedAt.getTime() - state.lastPassFinishedAt.getTime() < interval)
        return null;
      passStartedAt = startedAt;
      cursor = null;
      pass = NO_COUNTS;
    }
    const window =
      state.window && startedAt.getTime() - state.window.startedAt.getTime() < HOUR
        ? { ...state.window }
        : { startedAt, requests: 0 };
    const perRun = this.o.requestsPerRun ?? Math.max(1, Math.ceil(this.o.requestsPerHour / 12));
    const budget = { left: Math.min(perRun, this.o.requestsPerHour - window.requests) };
    const counts: LinkCheckCounts = { ...NO_COUNTS };
    const sources = new Map<string, MailSource | null>();
    const sourceOf = async (mailbox: string) => {
      if (!sources.has(mailbox)) {
        const setup = await this.o.setups.get(mailbox);
        sources.set(mailbox, setup?.enabled ? this.o.sourceFor(setup) : null);
      }
      return sources.get(mailbox)!;
    };
    const allowance = budget.left;
    let stoppedBy: LinkCheckRunDoc['stoppedBy'] = 'more';
    let error: LinkCheckRunDoc['error'] = null;
    let finished: Date | null = null;
    for (;;) {
      if (budget.left < 1) {
        stoppedBy = window.requests + allowance >= this.o.requestsPerHour ? 'budget' : 'more';
        break;
      }
      if (this.task.stopping || !(await this.o.leases.stillHeld(lease))) {
        stoppedBy = 'stopped';
        break;
      }
      const entries = await this.o.repo.nextEntries(cursor, this.o.batchSize ?? 50);
      if (entries.length === 0) {
        stoppedBy = 'done';
        finished = this.now();
        break;
      }
      const ctx = { repo: this.o.repo, sourceOf, now: () => this.now(), passStartedAt, budget, counts };
      const result = await checkBatch(ctx, entries);
      if (result.last) cursor = { occurredAt: result.last.occurredAt, entryNumber: result.last.entryNumber };
      await this.o.repo.save({
        cursor,
        passStartedAt,
        window: { ...window, requests: window.requests + allowance - budget.left },
      });
      if (result.stop === 'budget') continue; // the loop's head tells a spent hour from a spent run
      if (result.stop) {
        stoppedBy = 'error';
        error = result.stop;
        break;
      }
    }
    const requests = allowance - budget.left;
    const run: LinkCheckRunDoc = { startedAt, finishedAt: this.now(), requests, counts, stoppedBy, error };
    await this.o.repo.save({
      cursor: finished ? null : cursor,
      passStartedAt: finished ? null : passStartedAt,
      ...(finished ? { lastPassFinishedAt: finished } : {}),
      window: { startedAt: window.startedAt, requests: window.requests + requests },
      pass: add(pass, counts),
      totals: add(state.totals, counts),
      lastRun: run,
    });
    if (counts.healed || counts.lost || error)
      this.o.log.info({ ...counts, requests, stoppedBy, error }, 'link check: links healed or lost');
    return run;
  }

  start(): void {
    if (this.o.requestsPerHour > 0) this.task.start();
  }

  /** Lets a run in progress finish its message, then stops. */
  stop(): Promise<void> {
    return this.task.stop();
  }
}
