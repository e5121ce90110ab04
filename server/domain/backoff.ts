// Retry delays for a mailbox whose runs keep failing (token revoked, Graph down): exponential growth so a
// broken mailbox costs little, "full jitter" (a uniform delay between 0 and the exponential cap) so many
// mailboxes that failed together do not retry together. The random source is injected so tests and replays
// are deterministic.

export interface BackoffOptions {
  /** The cap after the first failure; doubles with each further consecutive failure. */
  baseMs: number;
  /** The cap never exceeds this. */
  maxMs: number;
}

/**
 * Delay before the next attempt after `consecutiveFailures` failures in a row: a whole number of milliseconds
 * in [0, min(maxMs, baseMs * 2^(consecutiveFailures - 1))). Zero when nothing has failed. `random` returns
 * [0, 1) like Math.random; values outside that range are clamped so a faulty source cannot break the bounds.
 */
export function nextRetryDelayMs(
  consecutiveFailures: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const failures = Number.isFinite(consecutiveFailures) ? Math.floor(consecutiveFailures) : 0;
  const base = Math.max(0, Number.isFinite(options.baseMs) ? options.baseMs : 0);
  const max = Math.max(0, Number.isFinite(options.maxMs) ? options.maxMs : 0);
  if (failures <= 0 || base === 0 || max === 0) return 0;
  // 2^1024 overflows to Infinity; min() takes care of that, and of huge failure counts.
  const cap = Math.min(max, base * 2 ** Math.min(failures - 1, 1023));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  return Math.floor(unit * cap);
}
