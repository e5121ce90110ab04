// Keeps one process under Graph's per-app-and-mailbox limits: at most 4 requests in flight (Graph answers the
// fifth with 429 ApplicationThrottled "MailboxConcurrency") and 10,000 requests per 10 minutes. One limiter per
// mailbox is shared by every MailSource of that mailbox in the process, so parallel jobs cannot add up.

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface RateLimit {
  requests: number;
  perMs: number;
}

export const GRAPH_MAILBOX_CONCURRENCY = 4;
export const GRAPH_MAILBOX_RATE: RateLimit = { requests: 10_000, perMs: 10 * 60_000 };

/** FIFO counting semaphore. */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  /** Highest number of holders seen, for diagnostics and tests. */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency limit must be >= 1: ${limit}`);
  }

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.take();
      return;
    }
    // The releasing holder hands its slot straight to the first waiter, so no newcomer can jump the queue.
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) {
      next();
      return;
    }
    this.active = Math.max(0, this.active - 1);
  }

  private take(): void {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }
}

/** Token bucket: a full bucket allows a burst of `requests`, then refills evenly over `perMs`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly rate: RateLimit,
    private readonly clock: LimiterClock,
  ) {
    if (rate.requests < 1 || rate.perMs <= 0)
      throw new RangeError('rate limit must allow at least 1 request');
    this.tokens = rate.requests;
    this.last = clock.now();
  }

  /** Resolves when a token was taken; callers are served in order. */
  take(): Promise<void> {
    const turn = this.tail.then(() => this.takeInOrder());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async takeInOrder(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const perToken = this.rate.perMs / this.rate.requests;
      await this.clock.sleep(Math.ceil((1 - this.tokens) * perToken));
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(
      this.rate.requests,
      this.tokens + (elapsed * this.rate.requests) / this.rate.perMs,
    );
  }
}

export class MailboxLimiter {
  readonly gate: ConcurrencyGate;
  private readonly bucket: TokenBucket | null;

  constructor(opts: { concurrency: number; rate: RateLimit | null; clock: LimiterClock }) {
    this.gate = new ConcurrencyGate(opts.concurrency);
    this.bucket = opts.rate ? new TokenBucket(opts.rate, opts.clock) : null;
  }

  /** Runs one HTTP attempt within the limits. Waiting for a token happens before taking a slot. */
  async run<T>(attempt: () => Promise<T>): Promise<T> {
    if (this.bucket) await this.bucket.take();
    await this.gate.acquire();
    try {
      return await attempt();
    } finally {
      this.gate.release();
    }
  }
}

/** Process-wide registry; the key names the Graph host and mailbox (mailbox addresses are case-insensitive). */
export class MailboxLimiterRegistry {
  private readonly limiters = new Map<string, MailboxLimiter>();

  get(key: { graphHost: string; mailbox: string }, create: () => MailboxLimiter): MailboxLimiter {
    const k = `${key.graphHost.toLowerCase()}|${key.mailbox.trim().toLowerCase()}`;
    let limiter = this.limiters.get(k);
    if (!limiter) {
      limiter = create();
      this.limiters.set(k, limiter);
    }
    return limiter;
  }
}

export const processMailboxLimiters = new MailboxLimiterRegistry();
