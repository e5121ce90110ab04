// Delegated access for email logging: the admin console signs the job account in through Entra ID's
// authorization-code flow. POST .../consent answers the URL to send the browser to; Entra ID sends it back to
// the callback, which redirects to the console with the outcome in the hash (consent=ok | consent=error&code=).
import { z } from 'zod/mini';
import { Instant } from './common.js';

/** Both routes, relative to API_BASE (kept here so the paths are spelled once). */
export const consentApiRoutes = {
  /** Admin. ConsentStartRequest -> ConsentStarted */
  startLoggingConsent: { method: 'POST', path: '/logging/setups/:mailbox/consent' },
  /** No token: Entra ID's redirect. ?code=&state= | ?error=&error_description=&state= -> 303 to the console */
  loggingConsentCallback: { method: 'GET', path: '/logging/consent/callback' },
} as const satisfies Record<string, { method: 'GET' | 'POST'; path: string }>;

/** The console page the browser returns to. */
export const ConsentReturnPage = z.enum(['wizard', 'logging']);
export type ConsentReturnPage = z.infer<typeof ConsentReturnPage>;

/**
 * POST /logging/setups/{mailbox}/consent (also "Renew token": a new sign-in replaces the cached account).
 * `keep`: the console page's own query parameters to restore on the way back (its language, and the address
 * of the development sign-in), each checked, so the redirect can only ever lead to the console.
 */
export const ConsentStartRequest = z.strictObject({
  returnTo: z.optional(ConsentReturnPage),
  keep: z.optional(
    z.strictObject({
      lang: z.optional(z.enum(['en', 'da'])),
      devUser: z.optional(z.email().check(z.maxLength(254))),
    }),
  ),
});
export type ConsentStartRequest = z.infer<typeof ConsentStartRequest>;

/** Where to send the browser (Entra ID's authorize endpoint), valid until `expiresAt` (single use). */
export const ConsentStarted = z.strictObject({ url: z.string(), expiresAt: Instant });
export type ConsentStarted = z.infer<typeof ConsentStarted>;

/**
 * The job account a delegated setup runs as (GET /logging/setups/{mailbox}); its tokens are never shown.
 * `consentedBy`: the admin who signed it in.
 */
export const DelegatedAccountView = z.strictObject({
  username: z.string(),
  consentedAt: Instant,
  consentedBy: z.string(),
});
export type DelegatedAccountView = z.infer<typeof DelegatedAccountView>;

/**
 * Refusals of POST .../consent (problem+json): `consent_not_delegated` 409 (the setup uses app-only access),
 * `consent_no_credential` 409 (no tenant, client id, secret or certificate yet), `consent_no_job_account` 409
 * (no job account named: only the named account may sign in), `consent_start_failed` 502 (Entra ID could not
 * be asked). The start also sets an HttpOnly cookie; the callback refuses a browser without it.
 * Outcomes the callback reports to the console (`code` in the hash; `aadsts` may name Entra's error number):
 */
export const ConsentOutcomeCodes = [
  /** No sign-in was started with this state, or it was used already. */
  'consent_state_invalid',
  /** The sign-in took longer than 10 minutes. */
  'consent_expired',
  /** The job account (or an admin) declined, or cancelled the sign-in. */
  'consent_denied',
  /** Entra ID reported another error (see `aadsts`). */
  'consent_idp_error',
  /** The setup was removed, or its app registration or access mode changed, during the sign-in. */
  'consent_setup_changed',
  /** The code could not be redeemed for tokens (see `aadsts`). */
  'consent_failed',
  /** The callback came from a browser other than the one that started the sign-in (no or another cookie). */
  'consent_other_browser',
  /** Someone other than the named job account signed in; nothing was stored. */
  'consent_wrong_account',
] as const;
export type ConsentOutcomeCode = (typeof ConsentOutcomeCodes)[number];

/** What the console finds in its hash after the callback (parsed from the route's query). */
export type ConsentOutcome =
  { ok: true } | { ok: false; code: ConsentOutcomeCode | 'unknown'; aadsts: string | null };

export function consentOutcomeOf(query: URLSearchParams): ConsentOutcome | null {
  const consent = query.get('consent');
  if (consent === 'ok') return { ok: true };
  if (consent !== 'error') return null;
  const code = query.get('code') ?? '';
  const aadsts = query.get('aadsts');
  return {
    ok: false,
    code: (ConsentOutcomeCodes as readonly string[]).includes(code)
      ? (code as ConsentOutcomeCode)
      : 'unknown',
    aadsts: aadsts && /^\d{1,9}$/.test(aadsts) ? aadsts : null,
  };
}
