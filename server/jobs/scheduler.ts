// Runs every enabled mailbox on its interval, on whichever server instance holds the mailbox's lease. A failing
// mailbox backs off exponentially; "Run now" (runRequestedAt) skips the wait. stop() lets running runs finish
// the message in hand, then releases the leases.
import { nextRetryDelayMs } from '../domain/backoff.js';
import type { LeaseRepository, HeldLease } from '../repositories/leases.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { MailSource } from '../mailsource/MailSource.js';
import { runMailbox, type EngineDeps } from './mailboxRun.js';

export interface SchedulerOptions {
  tickMs: number;
  leaseTtlMs: number;
  random: () => number;
  onError: (err: unknown, mailbox?: string) => void;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  tickMs: 1000,
  leaseTtlMs: 60_000,
  random: Math.random,
  onError: () => {},
};

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private ticking = false;
  private readonly opts: SchedulerOptions;

  constructor(
    private readonly deps: EngineDeps,
    private readonly leases: LeaseRepository,
    private readonly sourceFor: (setup: LoggingSetup) => MailSource,
    opts: Partial<SchedulerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_SCHEDULER_OPTIONS, ...opts };
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

  /** Is this mailbox due? Based on the JobRun history in the database, so all instances agree. */
  async isDue(setup: LoggingSetup): Promise<boolean> {
    if (setup.runRequestedAt) return true;
    const recent = await this.deps.jobRuns.recent(setup.mailbox, 6);
    const last = recent[0];
    if (!last) return true;
    // A 'running' last run is either in progress (its instance holds the lease, so launch() will not get it) or
    // abandoned by a dead instance (the lease expires and the next instance takes over and closes it).
    let failures = 0;
    while (failures < recent.length && recent[failures]!.outcome === 'failed') failures++;
    const interval = setup.intervalSeconds * 1000;
    const wait =
      failures > 0
        ? Math.max(
            interval,
            nextRetryDelayMs(failures, { baseMs: interval, maxMs: 3_600_000 }, this.opts.random),
          )
        : interval;
    return this.deps.now().getTime() >= (last.finishedAt ?? last.startedAt).getTime() + wait;
  }

  async tick(): Promise<void> {
    if (this.ticking || !this.timer) return;
    this.ticking = true;
    try {
      for (const setup of await this.deps.setups.enabled()) {
        if (this.running.has(setup.mailbox)) continue;
        try {
          if (await this.isDue(setup)) await this.launch(setup);
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
    const name = `mailbox:${setup.mailbox}`;
    const lease = await this.leases.acquire(
      name,
      this.deps.instanceId,
      this.deps.now(),
      this.opts.leaseTtlMs,
    );
    if (!lease) return;
    await this.deps.jobRuns.closeAbandoned(setup.mailbox, this.deps.now());
    const abort = new AbortController();
    const done = this.runLeased(setup, lease, abort).finally(() => this.running.delete(setup.mailbox));
    this.running.set(setup.mailbox, { abort, done });
  }

  private async runLeased(setup: LoggingSetup, lease: HeldLease, abort: AbortController): Promise<void> {
    let held: HeldLease | null = lease;
    const renew = setInterval(async () => {
      held = held && (await this.leases.renew(held, this.deps.now(), this.opts.leaseTtlMs).catch(() => null));
      if (!held) abort.abort(); // lost the lease: stop after the message in hand
    }, this.opts.leaseTtlMs / 3);
    try {
      const requested = setup.runRequestedAt;
      const source = this.sourceFor(setup);
      await runMailbox(this.deps, setup, source, {
        trigger: requested ? 'manual' : 'schedule',
        signal: abort.signal,
      });
      if (requested) await this.deps.setups.clearRunRequest(setup.mailbox);
    } catch (err) {
      this.opts.onError(err, setup.mailbox);
    } finally {
      clearInterval(renew);
      if (held) await this.leases.release(held, this.deps.now()).catch(() => {});
    }
  }
}
