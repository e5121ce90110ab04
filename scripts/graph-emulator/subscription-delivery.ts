// How Graph talks to a subscriber's endpoints over HTTPS: the validation handshake (POST ?validationToken=...,
// answered 200 text/plain with the token within 10 s) and the delivery of notification collections (any 2xx
// within the time limit counts; anything else is retried with backoff, then dropped). Node's fetch trusts the
// dev CA through NODE_EXTRA_CA_CERTS, as the server's own clients do.

/** Graph waits this long for the validation answer; a slower one fails the create. */
export const VALIDATION_TIMEOUT_MS = 10_000;
/** "Notifications are published using an HTTP client with a 3-second timeout": a later answer is a failure. */
export const DELIVERY_TIMEOUT_MS = 3_000;
/**
 * Graph retries a failed notification for up to 4 hours with exponential backoff; the emulator keeps the shape
 * (doubling delays) on a test-sized scale, then drops it as Graph does.
 */
export const RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

export type DeliveryKind = 'validation' | 'change' | 'lifecycle';

/** One HTTP exchange with a subscriber endpoint, as tests inspect it. */
export interface DeliveryRecord {
  kind: DeliveryKind;
  url: string;
  /** HTTP status, or 0 when there was no answer (refused, reset, timeout). */
  status: number;
  /** From sending to the answer's status line. */
  ms: number;
  at: number;
  /** Notifications in the collection (0 for a validation). */
  count: number;
}

export interface DeliveryLog {
  record(r: DeliveryRecord): void;
}

async function post(
  url: string,
  body: string,
  contentType: string,
  timeoutMs: number,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const ms = performance.now() - started;
    return { status: res.status, text: await res.text(), ms };
  } catch {
    return { status: 0, text: '', ms: performance.now() - started };
  }
}

/** The handshake for one endpoint: true when it echoed the token with 200 in time. */
export async function validateEndpoint(url: string, token: string, log: DeliveryLog): Promise<boolean> {
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  const r = await post(target, '', 'text/plain; charset=utf-8', VALIDATION_TIMEOUT_MS);
  log.record({ kind: 'validation', url, status: r.status, ms: r.ms, at: Date.now(), count: 0 });
  return r.status === 200 && r.text === token;
}

/**
 * Delivers one notification collection, retrying failures after RETRY_DELAYS_MS; resolves true once a 2xx came
 * back, false when it was dropped. `sleep` is the emulator's, so close() cancels pending retries' timers.
 */
export async function deliver(
  url: string,
  kind: DeliveryKind,
  value: object[],
  log: DeliveryLog,
  sleep: (ms: number) => Promise<void>,
  closed: () => boolean,
): Promise<boolean> {
  const body = JSON.stringify({ value });
  for (let attempt = 0; ; attempt++) {
    if (closed()) return false;
    const r = await post(url, body, 'application/json; charset=utf-8', DELIVERY_TIMEOUT_MS);
    log.record({ kind, url, status: r.status, ms: r.ms, at: Date.now(), count: value.length });
    if (r.status >= 200 && r.status < 300) return true;
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay === undefined) return false;
    await sleep(delay);
  }
}
