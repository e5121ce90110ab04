// Outlook's per-app-per-mailbox limits: at most `concurrent` requests in flight (MailboxConcurrency) and a
// request budget per 10-minute sliding window, both answered with 429 ApplicationThrottled + Retry-After.
import { GraphHttpError } from './errors.js';
import type { StatsRecorder } from './stats.js';

export interface LimitSettings {
  concurrent: number;
  requestsPer10Min: number;
  timeScale: number;
  concurrencyRetryAfterSeconds: number;
  enforce: boolean;
  now: () => number;
}

/** Timestamps of admitted requests in one window, oldest first; a moving head keeps pruning O(1) amortised. */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  prune(before: number): void {
    while (this.head < this.times.length && this.times[this.head]! <= before) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  get count(): number {
    return this.times.length - this.head;
  }

  get oldest(): number {
    return this.times[this.head]!;
  }

  add(t: number): void {
    this.times.push(t);
  }
}

export type Admission =
  { ok: true; release: () => void } | { ok: false; error: GraphHttpError; reason: 'concurrency' | 'budget' };

export class MailboxLimits {
  private readonly inFlight = new Map<string, number>();
  private readonly inFlightByMailbox = new Map<string, number>();
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(
    private readonly s: LimitSettings,
    private readonly stats: StatsRecorder,
  ) {}

  private get windowMs(): number {
    return 600_000 / this.s.timeScale;
  }

  /** Seconds for Retry-After: whole seconds in real time, fractional when time is scaled. */
  private retryAfter(seconds: number): string {
    if (this.s.timeScale === 1) return String(Math.max(1, Math.ceil(seconds)));
    return String(Math.max(0.001, Math.round(seconds * 1000) / 1000));
  }

  private throttle(message: string, seconds: number): GraphHttpError {
    return new GraphHttpError(429, 'ApplicationThrottled', message, {
      'Retry-After': this.retryAfter(seconds),
    });
  }

  admit(clientId: string, mailbox: string): Admission {
    const key = `${clientId}|${mailbox}`;
    const seen = (this.inFlightByMailbox.get(mailbox) ?? 0) + 1;
    this.stats.concurrency(mailbox, seen);
    const current = this.inFlight.get(key) ?? 0;
    if (this.s.enforce && current >= this.s.concurrent) {
      const seconds = this.s.concurrencyRetryAfterSeconds / this.s.timeScale;
      return {
        ok: false,
        reason: 'concurrency',
        error: this.throttle('Application is over its MailboxConcurrency limit.', seconds),
      };
    }
    const now = this.s.now();
    let window = this.windows.get(key);
    if (!window) this.windows.set(key, (window = new SlidingWindow()));
    window.prune(now - this.windowMs);
    if (this.s.enforce && window.count >= this.s.requestsPer10Min) {
      const seconds = (window.oldest + this.windowMs - now) / 1000;
      return {
        ok: false,
        reason: 'budget',
        error: this.throttle('Application is over its MailboxRequests limit.', seconds),
      };
    }
    window.add(now);
    this.inFlight.set(key, current + 1);
    this.inFlightByMailbox.set(mailbox, seen);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
        this.inFlightByMailbox.set(mailbox, (this.inFlightByMailbox.get(mailbox) ?? 1) - 1);
      },
    };
  }
}
