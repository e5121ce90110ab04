// Every non-2xx answer of /api/v1 is application/problem+json (RFC 9457) with a stable `code` to branch on.
import { z } from 'zod/mini';

export const ProblemFieldError = z.strictObject({ path: z.string(), message: z.string() });

export const Problem = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.string().check(z.minLength(1)),
  detail: z.optional(z.string()),
  /** Field errors of a `validation_failed` problem. */
  errors: z.optional(z.array(ProblemFieldError)),
});
export type Problem = z.infer<typeof Problem>;

/**
 * Codes the add-in branches on (the server may send others; clients treat unknown codes by HTTP status).
 * - `unauthenticated` 401: missing/expired/invalid token -> sign in again.
 * - `forbidden` 403: signed in but not allowed (e.g. no salesperson for the user where one is required).
 * - `not_owner` 403: the record is someone else's (visibility model `owner`, an entry marked private).
 * - `not_found` 404, `validation_failed` 400 (with `errors`), `rate_limited` 429, `internal_error` 500.
 * - `privacy_blocked` 409: the contact is privacy blocked; no opportunity, no logging.
 * - `entry_canceled` 409, `already_linked` 409: the entry cannot get (another) opportunity.
 * - `opportunity_closed` 409: linking to a won/lost opportunity.
 * - `contact_exists` 409: POST /contacts with an address that already belongs to a contact.
 * - `nothing_to_log` 422: no contact/salesperson pair on the message, so no entry can be written.
 * - `not_a_participant` 403: "Log this email" by someone who neither sent nor received the message.
 * Further codes of the admin routes and the HTTP layer:
 * - `route_not_found` 404, `malformed_json` 400, `unsupported_media_type` 415, `body_too_large` 413.
 * - `contact_mismatch` 409: the entry or opportunity belongs to another contact than the one named.
 * - `salesperson_exists` 409, `import_invalid` 422 (field errors with path "<line>.<column>").
 * - `auth_unavailable` 503: the identity provider's keys could not be fetched.
 * - `consent_not_delegated` 409, `consent_no_credential` 409, `consent_no_job_account` 409,
 *   `consent_start_failed` 502: starting the job
 *   account's sign-in (see loggingConsent.ts; the callback answers with redirects, not problems).
 * - `sign_in_changed` 409, `entra_bound_elsewhere` 409: binding a salesperson to an Entra ID user.
 * Viewing a logged mail (shared/api/mailView.ts): `mail_not_linked` 404, `mail_gone` 404, `attachment_gone` 404,
 * `attachment_is_link` 409 (a link to a cloud file: nothing to download),
 * `mail_source_unavailable` 503 (try again), `mail_source_failed` 502 (the mailbox refused: an admin's matter),
 * `mail_too_large` 422 (larger than the viewer reads: open it in the mailbox).
 */
export const ProblemCodes = [
  'unauthenticated',
  'forbidden',
  'not_owner',
  'not_found',
  'validation_failed',
  'rate_limited',
  'internal_error',
  'privacy_blocked',
  'entry_canceled',
  'already_linked',
  'opportunity_closed',
  'contact_exists',
  'nothing_to_log',
  'not_a_participant',
  'route_not_found',
  'malformed_json',
  'unsupported_media_type',
  'body_too_large',
  'contact_mismatch',
  'salesperson_exists',
  'import_invalid',
  'auth_unavailable',
  'consent_not_delegated',
  'consent_no_credential',
  'consent_start_failed',
  'consent_no_job_account',
  'sign_in_changed',
  'entra_bound_elsewhere',
  'mail_not_linked',
  'mail_gone',
  'attachment_gone',
  'attachment_is_link',
  'mail_source_unavailable',
  'mail_source_failed',
  'mail_too_large',
] as const;
export type ProblemCode = (typeof ProblemCodes)[number];
