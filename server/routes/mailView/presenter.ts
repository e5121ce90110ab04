// A logged mail as the viewer gets it: the server's sanitized HTML (domain/mailHtml.ts), the files attached
// (embedded images are part of the body), and downloads with a name and type that are safe to hand a browser.
import type { LoggedMail, MailPerson } from '../../../shared/api/mailView.js';
import { sanitizeMailHtml } from '../../domain/mailHtml.js';
import type { MailAddress, MailContent } from '../../mailsource/MailSource.js';

const person = (a: MailAddress): MailPerson => ({ name: a.name, address: a.address });

/**
 * How much of a mail is shown: sanitizing costs about 1 ms per kB of HTML on this machine, in the request's
 * thread, so a huge newsletter is cut rather than holding the server for seconds (the cut HTML is still
 * sanitized whole: an unfinished tag at the end is dropped).
 */
export const MAX_HTML_CHARS = 300_000;
export const MAX_TEXT_CHARS = 1_000_000;

export function presentMail(entryNumber: number, m: MailContent): LoggedMail {
  const htmlCut = m.html !== null && m.html.length > MAX_HTML_CHARS;
  const textCut = m.text !== null && m.text.length > MAX_TEXT_CHARS;
  const safe = m.html === null ? null : sanitizeMailHtml(htmlCut ? m.html.slice(0, MAX_HTML_CHARS) : m.html);
  return {
    entryNumber,
    subject: m.subject,
    from: m.from && person(m.from),
    to: m.toRecipients.map(person),
    cc: m.ccRecipients.map(person),
    sentAt: m.sentDateTime,
    text: textCut ? m.text!.slice(0, MAX_TEXT_CHARS) : m.text,
    html: safe?.html ?? null,
    remoteContentBlocked: safe?.remoteContentBlocked ?? false,
    truncated: htmlCut || textCut,
    attachments: m.attachments
      .filter((a) => !a.isInline)
      .map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size, kind: a.kind })),
  };
}

/**
 * A file name a browser saves as is: no folders, no control or reserved characters, no leading dots, at most
 * 150 characters (the extension kept); an empty result is "attachment".
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!clean) return 'attachment';
  if (clean.length <= 150) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 150 - ext.length) + ext;
}

/** A MIME type without parameters, or application/octet-stream when the provider's is not one. */
export function safeContentType(type: string): string {
  const bare = type.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(bare)
    ? bare
    : 'application/octet-stream';
}
