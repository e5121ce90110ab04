// Configuration of the Microsoft Graph adapter. Authority and Graph base URLs are data, not code, so a national
// cloud or a local emulator is a configuration change: nothing here knows about tests.
import { MailSourceError } from '../MailSource.js';
import type { RetryPolicy } from './retryPolicy.js';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

/** An app registration's credential: a client secret or a certificate (PEM private key + its thumbprint). */
export type GraphCredential =
  | { kind: 'secret'; clientSecret: string }
  | {
      kind: 'certificate';
      /** Hex SHA-256 thumbprint (preferred); `thumbprint` is SHA-1 for old registrations. */
      thumbprintSha256?: string;
      thumbprint?: string;
      privateKey: string;
      /** Optional public certificate chain (PEM), sent as x5c for subject-name/issuer authentication. */
      x5c?: string;
    };

/** Where the delegated flow keeps MSAL's serialized token cache (the lead backs it with an encrypted document). */
export interface TokenCacheStore {
  load(): Promise<string | null>;
  save(serialized: string): Promise<void>;
}

export type GraphAuthMode =
  /** Application permission (Mail.ReadWrite, ideally scoped with RBAC for Applications). */
  | { kind: 'application' }
  /** A signed-in job account with Mail.ReadWrite.Shared; tokens refreshed silently from the cache. */
  | {
      kind: 'delegated';
      cacheStore: TokenCacheStore;
      /** MSAL homeAccountId of the job account; when absent the cache must hold exactly one account. */
      homeAccountId?: string | null;
      /** Defaults to `${graphBaseUrl}/Mail.ReadWrite.Shared`. */
      scopes?: string[];
    };

export interface GraphAuthConfig {
  tenantId: string;
  clientId: string;
  credential: GraphCredential;
  mode: GraphAuthMode;
  /** Default https://login.microsoftonline.com. */
  authorityHost?: string;
  /** Default https://graph.microsoft.com; also the resource of the token scopes. */
  graphBaseUrl?: string;
}

export interface GraphMailSourceConfig {
  /** UPN or object id of the (shared) mailbox. */
  mailbox: string;
  auth: GraphAuthConfig;
  /** Overrides of DEFAULT_RETRY_POLICY (attempts for failures, throttle budget for 429s, delays). */
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout; Graph can hang on large pages. Default 60 s. */
  requestTimeoutMs?: number;
  /** Graph allows 4 concurrent requests per app and mailbox. */
  maxConcurrentPerMailbox?: number;
  /** Token bucket per mailbox; default 10,000 requests per 10 minutes; null disables it. */
  rateLimit?: { requests: number; perMs: number } | null;
}

export interface ResolvedEndpoints {
  /** Without trailing slash, e.g. https://login.microsoftonline.com/<tenant>. */
  authority: string;
  /** host[:port] of the authority, as MSAL's knownAuthorities wants it. */
  knownAuthority: string;
  /** Without trailing slash, e.g. https://graph.microsoft.com. */
  graphBaseUrl: string;
  /** Hostname only (no port): the Graph SDK compares customHosts without the port. */
  graphHostname: string;
  /** host[:port], what a nextLink must point to. */
  graphHost: string;
}

function httpsUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MailSourceError('invalid_request', `${what} is not a valid URL: ${raw}`);
  }
  // MSAL refuses http authorities and the Graph SDK only attaches tokens to https hosts: fail early and clearly.
  if (url.protocol !== 'https:') {
    throw new MailSourceError('invalid_request', `${what} must be an https URL: ${raw}`);
  }
  return url;
}

/** Pure: derives every URL the adapter needs from the configuration. */
export function resolveEndpoints(auth: GraphAuthConfig): ResolvedEndpoints {
  if (!auth.tenantId.trim()) {
    throw new MailSourceError(
      'invalid_request',
      'The tenant id is missing (client credentials need a tenant).',
    );
  }
  const authorityUrl = httpsUrl(auth.authorityHost ?? DEFAULT_AUTHORITY_HOST, 'The authority host');
  const graphUrl = httpsUrl(auth.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL, 'The Graph base URL');
  return {
    authority: `${authorityUrl.origin}/${encodeURIComponent(auth.tenantId.trim())}`,
    knownAuthority: authorityUrl.host,
    graphBaseUrl: graphUrl.origin,
    graphHostname: graphUrl.hostname,
    graphHost: graphUrl.host,
  };
}

/** The slice of a pino logger the adapter uses; it never receives tokens or secrets. */
export interface GraphLogger {
  warn(obj: object, msg?: string): void;
}
