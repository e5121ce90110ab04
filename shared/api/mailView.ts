// Viewing a logged mail inside Interlog: GET /interactions/:entryNumber/mail -> LoggedMail, and one attachment's
// bytes from GET /interactions/:entryNumber/mail/attachments/:attachmentId (a download). The HTML arrives
// sanitized by the server (no scripts, event handlers, forms or remote content); the client still shows it in a
// sandboxed frame with a restrictive Content-Security-Policy.
import { z } from 'zod/mini';

export const MailPerson = z.strictObject({ name: z.nullable(z.string()), address: z.nullable(z.string()) });
export type MailPerson = z.infer<typeof MailPerson>;

export const MailAttachment = z.strictObject({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.int().check(z.nonnegative()),
  /** `file`; `item`: an attached mail, contact or meeting (downloaded as .eml, .vcf or .ics); `link`: a link to a
   *  file in the cloud, which has no bytes in the mailbox (no download: open the mail in Outlook to follow it). */
  kind: z.enum(['file', 'item', 'link']),
});
export type MailAttachment = z.infer<typeof MailAttachment>;

export const LoggedMail = z.strictObject({
  entryNumber: z.int().check(z.positive()),
  subject: z.nullable(z.string()),
  from: z.nullable(MailPerson),
  to: z.array(MailPerson),
  cc: z.array(MailPerson),
  sentAt: z.nullable(z.string()),
  /** The plain text body (for HTML-only mail: a text rendering of it, for reading aids and search). */
  text: z.nullable(z.string()),
  /** Sanitized HTML, or null for text-only mail. */
  html: z.nullable(z.string()),
  /** Images or other content from the Internet were left out of the HTML. */
  remoteContentBlocked: z.boolean(),
  /** The mail is very long: only its beginning is shown (the server sanitizes a bounded amount of HTML). */
  truncated: z.boolean(),
  /** Files attached (not the images shown inside the body). */
  attachments: z.array(MailAttachment),
});
export type LoggedMail = z.infer<typeof LoggedMail>;

/**
 * Problem codes of these routes (besides `not_found`, `not_owner`, `privacy_blocked`):
 * - `mail_not_linked` 404: the entry has no copy in a logging mailbox Interlog reads (e.g. logged by hand and
 *   not met in the logging mailbox yet).
 * - `mail_gone` 404: the mail is no longer in the logging mailbox (deleted, or moved out of reach).
 * - `attachment_gone` 404: the mail has no such attachment.
 * - `attachment_is_link` 409: the attachment is a link to a cloud file (no bytes to download).
 * - `mail_source_unavailable` 503: the mailbox is busy or unreachable; try again later.
 * - `mail_source_failed` 502: the mailbox refused (sign-in, permissions, setup): an admin's matter.
 * - `mail_too_large` 422: the mail is larger than the viewer reads (25 MB, IMAP): open it in the mailbox.
 */
export const MAIL_VIEW_PROBLEMS = [
  'mail_not_linked',
  'mail_gone',
  'attachment_gone',
  'attachment_is_link',
  'mail_source_unavailable',
  'mail_source_failed',
  'mail_too_large',
] as const;
