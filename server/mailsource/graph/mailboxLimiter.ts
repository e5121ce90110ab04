// Keeps one process under Graph's per-app-and-mailbox limits: at most 4 requests in flight (Graph answers the
// fifth with 429 ApplicationThrottled "MailboxConcurrency") and 10,000 requests per 10 minutes. One limiter per
// mailbox is shared by every MailSource of that mailbox in the process, so parallel jobs cannot add up. Each part
// of a JSON batch counts as a request, and Graph runs up to 4 parts of a batch at once, so a batch is weighed
// by its parts (see RequestWeight).

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

/**
 * FIFO weighted semaphore. A holder takes `n` slots at once (a JSON batch takes as many as Graph will run of its
 * parts at a time), never one by one: two batches that each held half the slots and waited for the rest would
 * wait forever. The first waiter blocks everyone behind it until its whole weight fits, so a batch is not
 * starved by a stream of single requests slipping into each freed slot.
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiters: Array<{ n: number; resolve: () => void }> = [];
  /** Highest number of slots held at once, for diagnostics and tests. */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency limit must be >= 1: ${limit}`);
  }

  /** Slots held now. */
  get inFlight(): number {
    return this.active;
  }

  /** Holders waiting for slots. */
  get waiting(): number {
    return this.waiters.length;
  }

  async acquire(n = 1): Promise<void> {
    this.check(n);
    if (this.waiters.length === 0 && this.active + n <= this.limit) {
      this.take(n);
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push({ n, resolve }));
  }

  /** Gives back `n` slots (what was acquired) and admits waiters from the head while they fit. */
  release(n = 1): void {
    this.check(n);
    this.active = Math.max(0, this.active - n);
    // Slots go straight to the waiters, in order, before any newcomer's acquire can run.
    for (let head = this.waiters[0]; head && this.active + head.n <= this.limit; head = this.waiters[0]) {
      this.waiters.shift();
      this.take(head.n);
      head.resolve();
    }
  }

  private check(n: number): void {
    if (!Number.isInteger(n) || n < 1 || n > this.limit)
      throw new RangeError(`slots must be between 1 and ${this.limit}: ${n}`);
  }

  private take(n: number): void {
    this.active += n;
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

  /**
   * Resolves when `n` tokens were taken; callers are served in order. More than the bucket holds is granted
   * once the bucket is full, leaving it in debt, so an oversized take waits instead of never passing.
   */
  take(n = 1): Promise<void> {
    const turn = this.tail.then(() => this.takeInOrder(n));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async takeInOrder(n: number): Promise<void> {
    const needed = Math.min(n, this.rate.requests);
    for (;;) {
      this.refill();
      if (this.tokens >= needed) {
        this.tokens -= n;
        return;
      }
      const perToken = this.rate.perMs / this.rate.requests;
      await this.clock.sleep(Math.ceil((needed - this.tokens) * perToken));
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

/** What one HTTP request costs against the limits. */
export interface RequestWeight {
  /** Concurrency slots held while the request is in flight. */
  slots: number;
  /** Requests it counts as against the rate limit. */
  tokens: number;
}

export const SINGLE_REQUEST: RequestWeight = { slots: 1, tokens: 1 };

export class MailboxLimiter {
  readonly gate: ConcurrencyGate;
  private readonly bucket: TokenBucket | null;

  constructor(opts: { concurrency: number; rate: RateLimit | null; clock: LimiterClock }) {
    this.gate = new ConcurrencyGate(opts.concurrency);
    this.bucket = opts.rate ? new TokenBucket(opts.rate, opts.clock) : null;
  }

  /**
   * Runs one HTTP attempt within the limits: by default one request (1 token, 1 slot); a JSON batch passes its
   * part count as `tokens` (each part counts against the request budget) and the parts Graph runs at once as
   * `slots` (capped at the gate's limit). Waiting for tokens happens before taking slots.
   */
  async run<T>(attempt: () => Promise<T>, weight: RequestWeight = SINGLE_REQUEST): Promise<T> {
    const slots = Math.min(Math.max(1, Math.ceil(weight.slots)), this.gate.limit);
    if (this.bucket) await this.bucket.take(Math.max(1, Math.ceil(weight.tokens)));
    await this.gate.acquire(slots);
    try {
      return await attempt();
    } finally {
      this.gate.release(slots);
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
