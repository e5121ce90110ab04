// Access tokens for SASL XOAUTH2, by one of two app-only grants:
// - client credentials (RFC 6749 §4.4): Microsoft 365's IMAP with app-only consent (token endpoint
//   https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token, scope https://outlook.office365.com/.default);
// - a JWT bearer assertion (RFC 7523) signed with a service account's private key: Google Workspace's
//   server-to-server flow with domain-wide delegation (token endpoint https://oauth2.googleapis.com/token, scope
//   https://mail.google.com/, the mailbox to sign in as in `sub`; the JWT lives at most an hour);
// or any provider that issues such tokens to its IMAP server. A token
// is kept until shortly before it expires and shared by every source of the process with the same client (a
// run builds a new source each time); concurrent callers share one request. Failures leave as MailSourceErrors
// with the stable codes: a refused client or scope is auth_failed, 429 throttled, 5xx and the network transient.
import crypto from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { MailSourceError, type MailSourceErrorCode } from '../MailSource.js';

interface OAuthClientBase {
  /** https URL of the provider's token endpoint (for a JWT bearer grant also the assertion's audience). */
  tokenUrl: string;
  /** Space-separated, e.g. "https://outlook.office365.com/.default" or "https://mail.google.com/". */
  scope: string;
}

export type OAuthClient =
  | (OAuthClientBase & { grant: 'client_credentials'; clientId: string; clientSecret: string })
  | (OAuthClientBase & {
      grant: 'jwt_bearer';
      /** The service account (Google: its client_email), the assertion's issuer. */
      issuer: string;
      /** Its PKCS#8 PEM private key (Google: the key file's private_key); RS256. */
      privateKey: string;
      /** The mailbox the token is for (domain-wide delegation's impersonated user). */
      subject: string;
    });

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
function keyOf(c: OAuthClient): string {
  return crypto.createHash('sha256').update(JSON.stringify(c)).digest('base64url');
}

/** A JWT bearer assertion lives at most an hour (Google refuses a longer one). */
const ASSERTION_LIFETIME_S = 3600;

async function grantBody(c: OAuthClient, nowMs: number): Promise<URLSearchParams> {
  if (c.grant === 'client_credentials') {
    return new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: c.clientId,
      client_secret: c.clientSecret,
      scope: c.scope,
    });
  }
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  try {
    key = await importPKCS8(c.privateKey, 'RS256');
  } catch {
    throw new TokenEndpointError(
      'auth_failed',
      "The service account's private key is not a PKCS#8 PEM RSA key (paste the key file's private_key).",
      'invalid_private_key',
    );
  }
  const iat = Math.floor(nowMs / 1000);
  const assertion = await new SignJWT({ scope: c.scope })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(c.issuer)
    .setSubject(c.subject)
    .setAudience(c.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .sign(key);
  return new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
}

const CHECK = {
  client_credentials: 'the client-credentials request: check the client id, secret and scope',
  jwt_bearer:
    "the service account's request: check the service account, its key, the mailbox's domain-wide delegation and the scope",
} as const;

function codeFor(status: number, error: string): MailSourceErrorCode {
  if (status === 429) return 'throttled';
  if (status >= 500) return 'transient';
  // invalid_client, unauthorized_client, invalid_grant (consent missing), invalid_scope: the setup is wrong.
  if (status === 400 || status === 401 || status === 403) return 'auth_failed';
  return error ? 'auth_failed' : 'invalid_request';
}

async function request(c: OAuthClient, deps: TokenSourceDeps): Promise<Cached> {
  const now = deps.now ?? Date.now;
  const body = await grantBody(c, now());
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
      `The OAuth token endpoint refused ${CHECK[c.grant]} (HTTP ${res.status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''}).`,
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

export function oauthTokenSource(c: OAuthClient, deps: TokenSourceDeps = {}): TokenSource {
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
