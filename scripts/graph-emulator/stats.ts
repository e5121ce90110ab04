// Request statistics for tests and benchmarks, with change notifications so tests can wait for a state
// (e.g. "4 requests in flight") without polling.
import type { GraphStats } from './types.js';

export class StatsRecorder implements GraphStats {
  total = 0;
  httpRequests = 0;
  tokenRequests: Record<string, number> = {};
  byMailbox: Record<string, number> = {};
  byStatus: Record<string, number> = {};
  throttled = 0;
  throttledConcurrency = 0;
  throttledBudget = 0;
  maxConcurrentByMailbox: Record<string, number> = {};
  inFlight = 0;
  byPrincipal: Record<string, number> = {};
  private readonly watchers = new Set<() => void>();

  reset(): void {
    this.total = 0;
    this.httpRequests = 0;
    this.tokenRequests = {};
    this.byMailbox = {};
    this.byStatus = {};
    this.throttled = 0;
    this.throttledConcurrency = 0;
    this.throttledBudget = 0;
    this.maxConcurrentByMailbox = {};
    this.byPrincipal = {};
    // inFlight is live state, not history: it survives a reset.
    this.changed();
  }

  changed(): void {
    for (const w of [...this.watchers]) w();
  }

  waitFor(predicate: (s: GraphStats) => boolean): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!predicate(this)) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
    });
  }

  countToken(grant: string): void {
    this.tokenRequests[grant] = (this.tokenRequests[grant] ?? 0) + 1;
    this.changed();
  }

  /** A mailbox request's token passed: who it speaks for. */
  principal(key: string): void {
    this.byPrincipal[key] = (this.byPrincipal[key] ?? 0) + 1;
  }

  arrived(): void {
    this.inFlight += 1;
    this.changed();
  }

  concurrency(mailbox: string, seen: number): void {
    this.maxConcurrentByMailbox[mailbox] = Math.max(this.maxConcurrentByMailbox[mailbox] ?? 0, seen);
  }

  finished(
    status: number,
    mailbox: string | undefined,
    code: string | undefined,
    reason?: 'concurrency' | 'budget',
  ): void {
    this.inFlight -= 1;
    this.total += 1;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (mailbox) this.byMailbox[mailbox] = (this.byMailbox[mailbox] ?? 0) + 1;
    if (status === 429 && code === 'ApplicationThrottled') {
      this.throttled += 1;
      if (reason === 'concurrency') this.throttledConcurrency += 1;
      if (reason === 'budget') this.throttledBudget += 1;
    }
    this.changed();
  }
}
