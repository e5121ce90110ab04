// Access tokens for SASL XOAUTH2 by the OAuth 2.0 client-credentials grant (RFC 6749 §4.4): Microsoft 365's IMAP
// with app-only consent (token endpoint https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token, scope
// https://outlook.office365.com/.default), or any provider that issues tokens its IMAP server accepts. A token
// is kept until shortly before it expires and shared by every source of the process with the same client (a
// run builds a new source each time); concurrent callers share one request. Failures leave as MailSourceErrors
// with the stable codes: a refused client or scope is auth_failed, 429 throttled, 5xx and the network transient.
import crypto from 'node:crypto';
import { MailSourceError, type MailSourceErrorCode } from '../MailSource.js';

export interface ClientCredentials {
  /** https URL of the provider's token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated, e.g. "https://outlook.office365.com/.default". */
  scope: string;
}

export interface TokenSourceDeps {
  fetch?: typeof fetch;
  now?: () => number;
}

export interface TokenSource {
  accessToken(): Promise<string>;
  invalidate(): void;
}

/** A failure at the token endpoint (not at the IMAP server): asking again with the same client will not help. */
export class TokenEndpointError extends MailSourceError {}

/** A token is used only while it has this long left: a connection signs in with it after the request. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const DEFAULT_LIFETIME_S = 3600;
const REQUEST_TIMEOUT_MS = 30_000;

interface Cached {
  token: string;
  /** Asked for again from here: the margin before expiry, or half the lifetime of a short-lived token. */
  refreshAt: number;
}

const cache = new Map<string, Cached>();
const inFlight = new Map<string, Promise<Cached>>();

/** The cache key: the secret is part of it (hashed), so a changed secret never gets the old client's token. */
function keyOf(c: ClientCredentials): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([c.tokenUrl, c.clientId, c.clientSecret, c.scope]))
    .digest('base64url');
}

function codeFor(status: number, error: string): MailSourceErrorCode {
  if (status === 429) return 'throttled';
  if (status >= 500) return 'transient';
  // invalid_client, unauthorized_client, invalid_grant (consent missing), invalid_scope: the setup is wrong.
  if (status === 400 || status === 401 || status === 403) return 'auth_failed';
  return error ? 'auth_failed' : 'invalid_request';
}

async function request(c: ClientCredentials, deps: TokenSourceDeps): Promise<Cached> {
  const now = deps.now ?? Date.now;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: c.clientId,
    client_secret: c.clientSecret,
    scope: c.scope,
  });
  let res: Response;
  try {
    res = await (deps.fetch ?? fetch)(c.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const detail = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : '';
    throw new TokenEndpointError('transient', `The OAuth token endpoint could not be reached (${detail}).`);
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  const error = typeof json.error === 'string' ? json.error : '';
  if (!res.ok || typeof json.access_token !== 'string') {
    const description =
      typeof json.error_description === 'string' ? json.error_description.slice(0, 300) : '';
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new TokenEndpointError(
      res.ok ? 'invalid_request' : codeFor(res.status, error),
      `The OAuth token endpoint refused the client-credentials request: check the client id, secret and scope (HTTP ${res.status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''}).`,
      error || `HTTP ${res.status}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
  const lifetime = Number(json.expires_in);
  const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : DEFAULT_LIFETIME_S;
  const lifetimeMs = seconds * 1000;
  return {
    token: json.access_token,
    refreshAt: now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2),
  };
}

export function clientCredentialsTokenSource(c: ClientCredentials, deps: TokenSourceDeps = {}): TokenSource {
  const key = keyOf(c);
  const now = deps.now ?? Date.now;
  return {
    async accessToken() {
      const held = cache.get(key);
      if (held && now() < held.refreshAt) return held.token;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = request(c, deps).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const fresh = await pending;
      cache.set(key, fresh);
      return fresh.token;
    },
    invalidate() {
      cache.delete(key);
    },
  };
}
