// Delegated access: an admin starts the job account's sign-in (POST .../consent, also "Renew token"); Entra ID
// sends the browser back to the callback, a top-level navigation without a bearer token that the single-use
// state authenticates together with the HttpOnly cookie the start set in the admin's browser. The callback always
// redirects (303) to the console with the outcome, never shows JSON.
import { z } from 'zod';
import { ConsentStarted, ConsentStartRequest, consentApiRoutes } from '../../../shared/api/loggingConsent.js';
import { API_BASE } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { MailboxParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { consentReturnLocation } from './presenter.js';

const tag = 'email logging';

/** What Entra ID sends back (it adds client_info, session_state and the like, which are not needed). */
const CallbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/** The redirect URL to register on the app (the wizard shows the same one). */
export const consentRedirectUri = (publicUrl: string) =>
  `${publicUrl.replace(/\/+$/, '')}${API_BASE}${consentApiRoutes.loggingConsentCallback.path}`;

export function loggingConsentRoutes(s: Services, o: { publicUrl: string }): RouteSpec[] {
  const redirectUri = consentRedirectUri(o.publicUrl);
  return [
    defineRoute({
      name: 'startLoggingConsent',
      method: 'post',
      path: consentApiRoutes.startLoggingConsent.path,
      summary:
        'Start signing the job account in (delegated access; also Renew token): the URL to send the browser to',
      tag,
      access: 'admin',
      params: MailboxParams,
      body: z.optional(ConsentStartRequest),
      success: { status: 200, description: 'The sign-in URL, single use', schema: ConsentStarted },
      errors: [404, 409, 502],
      // The console's fetch is same-origin, so the browser keeps the cookie for Entra ID's redirect back.
      async handle({ params, body, caller }) {
        const r = await s.loggingConsent.start(params.mailbox, caller, body ?? {}, redirectUri);
        return {
          body: { url: r.url, expiresAt: r.expiresAt.toISOString() },
          headers: { 'Cache-Control': 'no-store', 'Set-Cookie': r.cookie },
        };
      },
    }),
    defineRoute({
      name: 'loggingConsentCallback',
      method: 'get',
      path: consentApiRoutes.loggingConsentCallback.path,
      summary:
        'Where Entra ID sends the browser back: redeems the code, then 303 to the console with the outcome',
      tag,
      access: 'public',
      query: CallbackQuery,
      success: { status: 303, description: 'To /admin#/<page>?mailbox=&consent=ok|error&code=' },
      async handle({ query, req, log }) {
        const cookies = parseCookies(req.headers.cookie);
        const result = await s.loggingConsent.complete(
          query,
          (n) => cookies.get(n) ?? null,
          redirectUri,
          log,
        );
        return {
          status: 303,
          body: undefined,
          headers: {
            Location: consentReturnLocation(result),
            'Cache-Control': 'no-store',
            ...(result.clearCookie ? { 'Set-Cookie': result.clearCookie } : {}),
          },
        };
      },
    }),
  ];
}

/** The Cookie header's name=value pairs (RFC 6265 §5.4); the first of a repeated name wins. */
function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}
