// When to try a Graph request again, and after how long. Pure: the caller supplies the clock and randomness.
// Reads are retried on throttling, gateway errors and network failures; writes only on 429, because a write
// that failed with a 5xx or a dropped connection may still have happened (a move done twice moves nothing, but
// the caller must re-read the message to know, not us). Graph's Retry-After always wins over our estimate.
// Throttling (429) is Graph telling us when to come back, not a failure: it is retried for as long as the total
// wait for the request stays within a time budget, however many attempts that takes; other failures get
// `maxAttempts`.

export interface RetryPolicy {
  /** Total attempts including the first, for failures other than 429 (those have `throttleBudgetMs`). */
  maxAttempts: number;
  /** First backoff when Graph gives no Retry-After; doubles per attempt. */
  baseDelayMs: number;
  /** Longest single wait; a Retry-After above it ends the retries (the job reschedules instead). */
  maxDelayMs: number;
  /** 429s are retried while the total time waited for the request, the next wait included, stays within this. */
  throttleBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  throttleBudgetMs: 5 * 60_000,
};

/** What a request has been through so far, the attempt that just failed included. */
export interface RetryProgress {
  /** Attempts made (1 after the first failure). */
  attempt: number;
  /** Of those, how many were answered 429. */
  throttled: number;
  /** Total of the delays already waited before this request's retries. */
  waitedMs: number;
}

export type AttemptOutcome =
  { kind: 'status'; status: number; retryAfterMs: number | null } | { kind: 'network' };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

function isThrottled(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'status' && outcome.status === 429;
}

const READ_RETRY_STATUSES = new Set([429, 502, 503, 504]);

export function isReadMethod(method: string): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD';
}

export function isRetryableOutcome(method: string, outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network') return isReadMethod(method);
  if (outcome.status === 429) return true;
  return isReadMethod(method) && READ_RETRY_STATUSES.has(outcome.status);
}

/** Exponential backoff with equal jitter: half fixed, half random, so parallel callers spread out. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/**
 * Whether and when to try again after `outcome`. A 429 waits its Retry-After (or a backoff growing with the 429s
 * seen) while the request's total wait stays within `throttleBudgetMs`; anything else retryable gets up to
 * `maxAttempts` attempts not answered 429. A single wait above `maxDelayMs` always ends the retries.
 */
export function decideRetry(
  method: string,
  outcome: AttemptOutcome,
  progress: RetryProgress,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (!isRetryableOutcome(method, outcome)) return { retry: false };
  const throttled = isThrottled(outcome);
  if (!throttled && progress.attempt - progress.throttled >= policy.maxAttempts) return { retry: false };
  const retryAfterMs = outcome.kind === 'status' ? outcome.retryAfterMs : null;
  const delayMs =
    retryAfterMs ??
    backoffDelayMs(throttled ? progress.throttled : progress.attempt - progress.throttled, policy, random);
  if (delayMs > policy.maxDelayMs) return { retry: false };
  if (throttled && progress.waitedMs + delayMs > policy.throttleBudgetMs) return { retry: false };
  return { retry: true, delayMs };
}

const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Retry-After is delta-seconds (Graph may send fractions, e.g. "0.5") or an HTTP date. */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | null {
  if (header === null || header === undefined) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // Only the IMF-fixdate form: Date.parse accepts almost anything (it reads "-1" as a date in 2001).
  if (!IMF_FIXDATE.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

// Node's fetch (undici) reports failures as TypeError('fetch failed') with the system error in `cause`;
// other stacks use the classic errno codes. Timeouts come from AbortSignal.timeout as TimeoutError.
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const NETWORK_ERROR_NAMES = new Set(['TimeoutError', 'AbortError', 'ConnectTimeoutError', 'SocketError']);
// The runtime's own fixed wording (not a provider message), for errors that carry no code.
const NETWORK_ERROR_MESSAGES = new Set(['fetch failed', 'socket hang up', 'terminated', 'other side closed']);

/** True for a failure of the transport (reset, refused, timeout), as opposed to a bug or an auth error. */
export function isNetworkError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return true;
    if (NETWORK_ERROR_NAMES.has(current.name)) return true;
    if (NETWORK_ERROR_MESSAGES.has(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
