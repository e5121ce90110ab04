// MSAL errors -> MailSourceError with a message an administrator can act on. Pure. Classified by MSAL's
// `errorCode`, the AADSTS number (`errorNo`, taken by MSAL from the token response's error_codes[0]) and
// `subError` — never by message text. MSAL messages are not copied either: they can echo request details.
import { MailSourceError } from '../MailSource.js';

/** The fields MSAL's AuthError / ServerError / InteractionRequiredAuthError carry. */
export interface MsalErrorLike {
  errorCode?: unknown;
  errorNo?: unknown;
  errorCodes?: unknown;
  subError?: unknown;
  status?: unknown;
}

const AADSTS_HINTS: Record<string, string> = {
  '7000215':
    "the client secret is wrong: copy the secret's Value (not its Secret ID) from the app registration",
  '7000222': 'the client secret has expired: create a new one in the app registration and save it here',
  '700027': 'the certificate is not registered on the app (or the thumbprint/private key do not match it)',
  '700024': 'the certificate assertion is outside its validity window: check the server clock',
  '7000112': 'the application is disabled in the tenant',
  '65001': 'admin consent is missing: grant admin consent for the app’s Graph permissions',
  '700016': 'the application (client id) was not found in this tenant: check the client id and tenant id',
  '90002': 'the tenant was not found: check the tenant id or domain',
  '500011': 'the Graph resource is not available in this tenant: check the Graph base URL for your cloud',
  '53003': 'a Conditional Access policy blocked the sign-in',
  '50076': 'multi-factor authentication is required: sign in with the job account again',
  '50079': 'multi-factor authentication registration is required: sign in with the job account again',
  '50173': 'the job account’s sign-in was revoked (password changed?): sign in with the job account again',
  '700082': 'the job account’s refresh token expired after inactivity: sign in with the job account again',
  '70008': 'the authorization code or refresh token expired: sign in with the job account again',
  '54005': 'the authorization code was already used: start the sign-in again',
  '50126': 'wrong user name or password for the job account',
  '50057': 'the job account is disabled',
};

const SIGN_IN_AGAIN = 'sign in with the job account again (Forny token)';

const ERROR_CODE_HINTS: Record<string, string> = {
  invalid_client: 'the app credential was rejected: check the client secret or certificate',
  unauthorized_client: 'the app is not allowed to use this flow in the tenant: check the app registration',
  invalid_grant: `the stored sign-in is no longer valid: ${SIGN_IN_AGAIN}`,
  interaction_required: `the job account must sign in interactively: ${SIGN_IN_AGAIN}`,
  login_required: `the job account is not signed in: ${SIGN_IN_AGAIN}`,
  consent_required: 'consent is missing for the requested permissions: grant admin consent',
  no_tokens_found: `no stored sign-in for the job account: ${SIGN_IN_AGAIN}`,
  refresh_token_expired: `the job account’s sign-in expired: ${SIGN_IN_AGAIN}`,
  bad_token: `the stored sign-in is no longer valid: ${SIGN_IN_AGAIN}`,
  no_account_in_silent_request: `no job account is signed in: ${SIGN_IN_AGAIN}`,
  no_account_found: `no job account is signed in: ${SIGN_IN_AGAIN}`,
  invalid_scope: 'the requested scope is invalid: check the Graph base URL',
  endpoints_resolution_error:
    'the sign-in authority could not be used: check the tenant id, the authority host and that the server ' +
    'can reach it over trusted https (MSAL’s verbose log names the cause)',
  missing_tenant_id_error: 'client credentials need a tenant id, not common/organizations',
  authority_uri_insecure: 'the authority host must use https',
  state_mismatch: 'the sign-in response does not belong to this sign-in: start again',
};

// Failures of the network or of the sign-in service itself: the configuration is fine, try again later.
const TRANSIENT_ERROR_CODES = new Set([
  'network_error',
  'no_network_connectivity',
  'temporarily_unavailable',
]);

function str(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** All AADSTS numbers the error carries, most specific first. */
export function aadstsNumbers(err: MsalErrorLike): string[] {
  const numbers: string[] = [];
  const errorNo = str(err.errorNo);
  if (errorNo) numbers.push(errorNo);
  if (Array.isArray(err.errorCodes)) {
    for (const c of err.errorCodes) {
      const s = str(c);
      if (s && !numbers.includes(s)) numbers.push(s);
    }
  }
  return numbers.map((n) => n.replace(/^AADSTS/i, ''));
}

export function translateMsalError(err: unknown, context: string): MailSourceError {
  const e: MsalErrorLike = typeof err === 'object' && err !== null ? (err as MsalErrorLike) : {};
  const errorCode = str(e.errorCode);
  const numbers = aadstsNumbers(e);
  const status = typeof e.status === 'number' ? e.status : null;
  const provider = numbers.length ? `AADSTS${numbers[0]}` : (errorCode ?? undefined);

  if ((errorCode && TRANSIENT_ERROR_CODES.has(errorCode)) || (status !== null && status >= 500)) {
    return new MailSourceError(
      'transient',
      `${context}: the sign-in service could not be reached or is unavailable; try again later.`,
      provider,
    );
  }
  const knownNumber = numbers.find((n) => AADSTS_HINTS[n]);
  const subError = str(e.subError);
  const hint =
    (knownNumber && AADSTS_HINTS[knownNumber]) ||
    (errorCode && ERROR_CODE_HINTS[errorCode]) ||
    (subError && ERROR_CODE_HINTS[subError]) ||
    'the token could not be obtained';
  const tail = [errorCode, ...numbers.map((n) => `AADSTS${n}`)].filter(Boolean).join(', ');
  return new MailSourceError('auth_failed', `${context}: ${hint}${tail ? ` [${tail}]` : ''}.`, provider);
}
