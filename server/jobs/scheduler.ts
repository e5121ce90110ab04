// Runs every enabled mailbox on its interval, on whichever server instance holds the mailbox's lease. A failing
// mailbox backs off exponentially; "Run now" (runRequestedAt) skips the wait. stop() lets running runs finish
// the message in hand, then releases the leases.
import { RECENT_RUNS, scheduleOf } from '../domain/outcomes.js';
import type { LeaseRepository } from '../repositories/leases.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { MailSource } from '../mailsource/MailSource.js';
import { acquireMailbox, processOwner, type LeasedRunDeps } from './leasedRun.js';
import { dueByNotification } from '../notifications/decisions.js';
import type { EngineDeps } from './mailboxRun.js';

export interface SchedulerOptions {
  tickMs: number;
  leaseTtlMs: number;
  onError: (err: unknown, mailbox?: string) => void;
  /**
   * Change notifications (server/notifications): the polling interval in effect and when a notification last
   * made the mailbox due. Without it, every mailbox polls on its own interval.
   */
  hints?: (
    setups: LoggingSetup[],
  ) => Promise<Map<string, { intervalSeconds: number; notifiedAt: Date | null }>>;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  tickMs: 1000,
  leaseTtlMs: 60_000,
  onError: () => {},
};

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private ticking = false;
  private readonly opts: SchedulerOptions;

  private readonly leased: LeasedRunDeps;

  constructor(
    private readonly deps: EngineDeps,
    leases: LeaseRepository,
    sourceFor: (setup: LoggingSetup) => MailSource,
    opts: Partial<SchedulerOptions> & { owner?: string } = {},
  ) {
    this.opts = { ...DEFAULT_SCHEDULER_OPTIONS, ...opts };
    this.leased = {
      deps,
      leases,
      sourceFor,
      owner: opts.owner ?? processOwner(deps.instanceId),
      leaseTtlMs: this.opts.leaseTtlMs,
    };
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Is this mailbox due? Based on the JobRun history in the database, so all instances (and the console) agree. */
  async isDue(
    setup: LoggingSetup,
    hint?: { intervalSeconds: number; notifiedAt: Date | null },
  ): Promise<boolean> {
    if (setup.runRequestedAt) return true;
    const recent = await this.deps.jobRuns.recent(setup.mailbox, RECENT_RUNS);
    // A 'running' last run is either in progress (its instance holds the lease, so launch() will not get it) or
    // abandoned by a dead instance (the lease expires and the next instance takes over and closes it).
    if (recent[0]?.outcome === 'running') return true;
    hint ??= (await this.opts.hints?.([setup]))?.get(setup.mailbox);
    if (hint && dueByNotification(hint.notifiedAt, recent[0] ?? null)) return true;
    const interval = hint?.intervalSeconds ?? setup.intervalSeconds;
    const { nextRunAt } = scheduleOf({ ...setup, intervalSeconds: interval }, recent, this.deps.now());
    return nextRunAt !== null && this.deps.now() >= nextRunAt;
  }

  async tick(): Promise<void> {
    if (this.ticking || !this.timer) return;
    this.ticking = true;
    try {
      const setups = await this.deps.setups.enabled();
      const hints = await this.opts.hints?.(setups.filter((s) => !this.running.has(s.mailbox)));
      for (const setup of setups) {
        if (this.running.has(setup.mailbox)) continue;
        try {
          if (await this.isDue(setup, hints?.get(setup.mailbox))) await this.launch(setup);
        } catch (err) {
          this.opts.onError(err, setup.mailbox);
        }
      }
    } catch (err) {
      this.opts.onError(err);
    } finally {
      this.ticking = false;
    }
  }

  private async launch(setup: LoggingSetup): Promise<void> {
    const leased = await acquireMailbox(this.leased, setup);
    if (!leased) return;
    const abort = new AbortController();
    const requested = setup.runRequestedAt;
    const done = leased
      .run({ trigger: requested ? 'manual' : 'schedule', signal: abort.signal })
      .then(async () => {
        if (requested) await this.deps.setups.clearRunRequest(setup.mailbox);
      })
      .catch((err: unknown) => this.opts.onError(err, setup.mailbox))
      .finally(() => this.running.delete(setup.mailbox));
    this.running.set(setup.mailbox, { abort, done });
  }
}
