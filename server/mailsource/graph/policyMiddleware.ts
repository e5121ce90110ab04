// The first link of the Graph SDK middleware chain (policy -> SDK AuthenticationHandler -> fetch). It owns what
// the SDK's RetryHandler does not get right for us: write-safe retries, network-error retries for reads, one
// token refresh on 401, the per-mailbox concurrency gate around every attempt (a $batch envelope weighs its
// parts), the immutable-id header on every request, a per-attempt timeout, and the request counter hook.
// A 429 is retried within the retry policy's throttle budget, other failures within its attempt limit.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { MailSourceError } from '../MailSource.js';
import type { GraphTokenProvider } from './auth.js';
import type { GraphLogger } from './config.js';
import { errorCodeFromBody, networkFailure, toMailSourceError } from './errorMapping.js';
import { SINGLE_REQUEST, type MailboxLimiter, type RequestWeight } from './mailboxLimiter.js';
import { decideRetry, isNetworkError, parseRetryAfterMs, type RetryPolicy } from './retryPolicy.js';

export const IMMUTABLE_ID_PREFERENCE = 'IdType="ImmutableId"';

/** One HTTP attempt, as reported to `onRequest` (benchmarks count Graph requests with it). */
export interface GraphRequestEvent {
  mailbox: string;
  method: string;
  url: string;
  attempt: number;
  /** null when the attempt failed without a response (network error, timeout). */
  status: number | null;
}

/**
 * Per-request state, passed as an SDK middleware option. It carries the exact URL to send (the SDK re-parses
 * and re-joins URLs; a nextLink must go out byte for byte) and brings our MailSourceError back out, because
 * the SDK wraps anything thrown in the chain into a GraphError and drops the original.
 */
export class GraphRequestState {
  failure: MailSourceError | null = null;
  constructor(
    readonly exactUrl: string,
    /** What each attempt costs against the mailbox limits; a $batch envelope weighs its parts. */
    readonly weight: RequestWeight = SINGLE_REQUEST,
  ) {}
}

export interface PolicyDeps {
  mailbox: string;
  tokenProvider: GraphTokenProvider;
  limiter: MailboxLimiter;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRequest?: (event: GraphRequestEvent) => void;
  logger?: GraphLogger;
}

type HeaderBag = Record<string, string>;

function headerBag(context: Context): HeaderBag {
  const options = (context.options ??= {});
  const headers = options.headers;
  // GraphRequest always passes a plain object; normalise anything else so the code below has one shape.
  if (headers instanceof Headers) options.headers = Object.fromEntries(headers.entries());
  else if (Array.isArray(headers)) options.headers = Object.fromEntries(headers);
  else options.headers ??= {};
  return options.headers as HeaderBag;
}

function deleteHeader(bag: HeaderBag, name: string): string | undefined {
  let value: string | undefined;
  for (const key of Object.keys(bag)) {
    if (key.toLowerCase() === name) {
      value = bag[key];
      delete bag[key];
    }
  }
  return value;
}

/** Adds the immutable-id preference, keeping any other Prefer value (e.g. odata.maxpagesize). */
export function withImmutableIdPreference(existing: string | undefined): string {
  if (!existing) return IMMUTABLE_ID_PREFERENCE;
  if (/idtype\s*=/i.test(existing)) return existing;
  return `${existing}, ${IMMUTABLE_ID_PREFERENCE}`;
}

async function discard(response: Response): Promise<void> {
  // Unread bodies keep the connection busy; drain what we will not use.
  await response.arrayBuffer().catch(() => undefined);
}

async function readErrorCode(response: Response): Promise<string | null> {
  const body: unknown = await response.json().catch(() => null);
  return errorCodeFromBody(body);
}

export class GraphPolicyMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly deps: PolicyDeps) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const state = context.middlewareControl?.getMiddlewareOptions(GraphRequestState) as
      GraphRequestState | undefined;
    try {
      await this.run(context, state);
    } catch (err) {
      const failure = err instanceof MailSourceError ? err : new MailSourceError('transient', String(err));
      if (state) state.failure = failure;
      throw failure;
    }
  }

  private async run(context: Context, state: GraphRequestState | undefined): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('GraphPolicyMiddleware is the last link of the chain');
    if (state) context.request = state.exactUrl;
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = (context.options?.method ?? 'GET').toUpperCase();
    const path = new URL(url).pathname;
    const { deps } = this;
    let attempt = 0;
    let throttled = 0; // attempts answered 429
    let waitedMs = 0; // total of the retry delays slept
    let refreshedToken = false;
    const progress = () => ({ attempt, throttled, waitedMs });

    for (;;) {
      attempt++;
      const headers = headerBag(context);
      // The SDK's AuthenticationHandler appends; a retried request must not carry two bearer tokens.
      deleteHeader(headers, 'authorization');
      headers.Prefer = withImmutableIdPreference(deleteHeader(headers, 'prefer'));
      context.options!.signal = AbortSignal.timeout(deps.requestTimeoutMs);
      context.response = undefined;

      let thrown: unknown = null;
      try {
        await deps.limiter.run(() => next.execute(context), state?.weight);
      } catch (err) {
        if (err instanceof MailSourceError) throw err; // token acquisition failed: nothing to retry here
        thrown = err;
      }
      const response = context.response as Response | undefined;
      deps.onRequest?.({ mailbox: deps.mailbox, method, url, attempt, status: response?.status ?? null });

      if (thrown !== null || !response) {
        const network = thrown === null || isNetworkError(thrown);
        const decision = network
          ? decideRetry(method, { kind: 'network' }, progress(), deps.retry, deps.random)
          : { retry: false as const };
        if (!decision.retry) throw networkFailure(method, path, thrown);
        this.note(method, path, attempt, null, decision.delayMs);
        await deps.sleep(decision.delayMs);
        waitedMs += decision.delayMs;
        continue;
      }
      if (response.status < 400) return;

      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), deps.now());
      if (response.status === 401 && !refreshedToken) {
        // An expired or revoked token: get a fresh one once (a 401 was not executed, so writes may repeat too).
        refreshedToken = true;
        await discard(response);
        const sent = deleteHeader(headerBag(context), 'authorization');
        deps.tokenProvider.invalidate(sent?.replace(/^Bearer\s+/i, ''));
        attempt--;
        continue;
      }
      if (response.status === 429) throttled++;
      const outcome = { kind: 'status' as const, status: response.status, retryAfterMs };
      const decision = decideRetry(method, outcome, progress(), deps.retry, deps.random);
      if (decision.retry) {
        await discard(response);
        this.note(method, path, attempt, response.status, decision.delayMs);
        await deps.sleep(decision.delayMs);
        waitedMs += decision.delayMs;
        continue;
      }
      const code = await readErrorCode(response);
      throw toMailSourceError({ status: response.status, code, retryAfterMs, method, path });
    }
  }

  private note(method: string, path: string, attempt: number, status: number | null, delayMs: number): void {
    this.deps.logger?.warn(
      { component: 'graph', mailbox: this.deps.mailbox, method, path, attempt, status, delayMs },
      'Graph request failed; retrying',
    );
  }
}
