// Graph error -> MailSourceError. Pure. Decided by HTTP status and Graph's `error.code` only: messages are for
// humans, change without notice and are localised.
import { MailSourceError, type MailSourceErrorCode } from '../MailSource.js';

export interface GraphFailure {
  status: number;
  /** `error.code` from the body, when there was a JSON error body. */
  code: string | null;
  /** Already parsed Retry-After, if any. */
  retryAfterMs: number | null;
  method: string;
  /** Path of the request (no query), for the message only. */
  path: string;
}

const CODE_TABLE: Record<string, MailSourceErrorCode> = {
  InvalidAuthenticationToken: 'auth_failed',
  ErrorAccessDenied: 'access_denied',
  Authorization_RequestDenied: 'access_denied',
  AccessDenied: 'access_denied',
  ErrorInvalidUser: 'mailbox_not_found',
  MailboxNotFound: 'mailbox_not_found',
  ErrorNonExistentMailbox: 'mailbox_not_found',
  ResourceNotFound: 'mailbox_not_found',
  Request_ResourceNotFound: 'mailbox_not_found',
  MailboxNotEnabledForRESTAPI: 'not_licensed',
  MailboxNotSupportedForRESTAPI: 'not_licensed',
  ErrorItemNotFound: 'not_found',
  // Delta: the sync state behind a nextLink/deltaLink is gone; Microsoft's answer is a new full round.
  SyncStateNotFound: 'sync_reset',
  syncStateNotFound: 'sync_reset',
  resyncRequired: 'sync_reset',
  SyncStateInvalid: 'sync_reset',
};

const HINTS: Partial<Record<MailSourceErrorCode, string>> = {
  auth_failed: 'Graph rejected the access token even after a fresh one was obtained; renew the sign-in.',
  access_denied:
    'The app may not open this mailbox: check the Mail.ReadWrite permission and admin consent, and the ' +
    'Exchange access policy / RBAC for Applications scope (Test-ServicePrincipalAuthorization).',
  mailbox_not_found: 'The mailbox does not exist in this tenant: check the mailbox address.',
  not_licensed:
    'The mailbox is not enabled for the Graph mail API (no Exchange Online licence, or on-premises).',
  throttled: 'Graph is still throttling this mailbox after the retries.',
  transient: 'Graph kept failing with a server error; try again later.',
  not_found: 'The item or folder does not exist (any more).',
  invalid_request: 'Graph refused the request as invalid.',
  sync_reset: 'The Inbox change-tracking state expired; the Inbox is read again in full.',
};

export function classifyGraphFailure(status: number, code: string | null): MailSourceErrorCode {
  if (status === 429) return 'throttled';
  if (status >= 500) return 'transient';
  const byCode = code ? CODE_TABLE[code] : undefined;
  if (byCode) return byCode;
  if (status === 401) return 'auth_failed';
  if (status === 403) return 'access_denied';
  if (status === 404) return 'not_found';
  if (status === 408) return 'transient';
  if (status === 410) return 'sync_reset';
  return 'invalid_request';
}

export function toMailSourceError(failure: GraphFailure): MailSourceError {
  const code = classifyGraphFailure(failure.status, failure.code);
  const what = `${failure.method.toUpperCase()} ${failure.path} -> ${failure.status}${failure.code ? ` ${failure.code}` : ''}`;
  return new MailSourceError(
    code,
    `${HINTS[code] ?? 'Graph request failed.'} (${what})`,
    failure.code ?? undefined,
    code === 'throttled' ? (failure.retryAfterMs ?? undefined) : undefined,
  );
}

export function networkFailure(method: string, path: string, err: unknown): MailSourceError {
  const cause = err instanceof Error ? describeNetworkError(err) : 'unknown error';
  return new MailSourceError(
    'transient',
    `Could not reach Graph (${cause}) for ${method.toUpperCase()} ${path}.`,
  );
}

function describeNetworkError(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : err.name;
}

/** Graph error bodies are `{"error":{"code":"...","message":"..."}}`; anything else yields null. */
export function errorCodeFromBody(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : null;
}
