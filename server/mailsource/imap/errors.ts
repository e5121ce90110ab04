// IMAP and network failures -> MailSourceError, with the codes the Graph adapter uses (MailSource.ts), so the
// engine's outcome table (domain/outcomes.ts) applies unchanged. Decided by imapflow's error code, the server's
// response code (RFC 5530) and flags: never by the human-readable text, which servers localise.
import { MailSourceError, type MailSourceErrorCode } from '../MailSource.js';

interface ImapFailureFields {
  code?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  mailboxMissing?: unknown;
  serverResponseCode?: unknown;
  responseStatus?: unknown;
  responseText?: unknown;
  throttleReset?: unknown;
}

const NETWORK_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
  'LockTimeout',
  'StateLogout',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// RFC 5530 response codes.
const RESPONSE_CODES: Record<string, MailSourceErrorCode> = {
  AUTHENTICATIONFAILED: 'auth_failed',
  AUTHORIZATIONFAILED: 'access_denied',
  EXPIRED: 'auth_failed',
  PRIVACYREQUIRED: 'invalid_request',
  NOPERM: 'access_denied',
  NONEXISTENT: 'not_found',
  TRYCREATE: 'not_found',
  UNAVAILABLE: 'transient',
  SERVERBUG: 'transient',
  INUSE: 'transient',
  LIMIT: 'throttled',
  OVERQUOTA: 'invalid_request',
  CANNOT: 'invalid_request',
  CLIENTBUG: 'invalid_request',
};

const HINTS: Partial<Record<MailSourceErrorCode, string>> = {
  auth_failed: 'The IMAP server refused the sign-in: check the user name and password (or the OAuth token).',
  access_denied: 'The IMAP server refused this mailbox or folder to the signed-in user.',
  not_found: 'The folder or message does not exist (any more).',
  transient: 'The IMAP server could not be reached or dropped the connection; try again later.',
  throttled: 'The IMAP server is limiting this account; try again later.',
  invalid_request: 'The IMAP server refused the request.',
};

/** A certificate the server presented that Node would not trust: a setup problem no retry can fix. */
function isCertificateError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID/.test(code);
}

export function classifyImapFailure(err: unknown): MailSourceErrorCode {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ImapFailureFields;
  // The response code first: a login refused with [LIMIT] or [UNAVAILABLE] is no wrong password.
  const responseCode = typeof e.serverResponseCode === 'string' ? e.serverResponseCode.toUpperCase() : '';
  const byResponse = RESPONSE_CODES[responseCode];
  if (byResponse) return byResponse;
  if (e.authenticationFailed === true) return 'auth_failed';
  if (e.mailboxMissing === true) return 'not_found';
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'ETHROTTLE') return 'throttled';
  if (isCertificateError(code) || e.tlsFailed === true) return 'invalid_request';
  if (NETWORK_CODES.has(code) || code.startsWith('ParserError')) return 'transient';
  if (code === 'ENOTFOUND') return 'invalid_request'; // the host name does not exist: the setup is wrong
  if (e.responseStatus === 'BAD') return 'invalid_request';
  if (e.responseStatus === 'NO') return 'invalid_request';
  // Anything else thrown from a socket is a network failure.
  return code.startsWith('E') ? 'transient' : 'invalid_request';
}

/** The MailSourceError for a failure of `what` (e.g. "SELECT Archive"); MailSourceErrors pass through. */
export function toMailSourceError(err: unknown, what: string): MailSourceError {
  if (err instanceof MailSourceError) return err;
  const code = classifyImapFailure(err);
  const e = (typeof err === 'object' && err !== null ? err : {}) as ImapFailureFields;
  const provider =
    (typeof e.serverResponseCode === 'string' && e.serverResponseCode) ||
    (typeof e.code === 'string' && e.code) ||
    undefined;
  const text = typeof e.responseText === 'string' ? e.responseText : err instanceof Error ? err.message : '';
  const certificate =
    provider && isCertificateError(provider) ? ' The server certificate is not trusted (add its CA).' : '';
  return new MailSourceError(
    code,
    `${HINTS[code] ?? 'IMAP request failed.'}${certificate} (${what}${provider ? `: ${provider}` : ''}${text ? ` ${text}` : ''})`,
    provider,
    code === 'throttled' && typeof e.throttleReset === 'number' ? e.throttleReset : undefined,
  );
}

/** Failures worth one more try on a fresh connection (the connection, not the request, failed). */
export function isRetryable(err: MailSourceError): boolean {
  return err.code === 'transient';
}
