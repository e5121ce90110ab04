// A message's MIME source (IMAP FETCH BODY[]) -> what the logged mail's viewer shows, parsed by mailparser
// (nodemailer's parser: charsets, encoded words, broken structures). Embedded images (cid:) come back inside the
// HTML as data: URIs, so the viewer needs no request for them; attachments are named by their position among the
// parsed attachments, which is the same on every parse of the same source.
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { MailAddress, MailAttachmentContent, MailAttachmentInfo, MailContent } from '../MailSource.js';

/** The largest message source the viewer fetches and parses: the source, the parse and its attachments are all
 *  held in memory at once (about three times this), and a bigger mail belongs in a mail client. */
export const MAX_VIEWED_SOURCE_BYTES = 25 * 1024 * 1024;

export function parseSource(source: Buffer): Promise<ParsedMail> {
  // Links in the text stay text (the viewer shows it as text); no HTML is made from text mail.
  return simpleParser(source, { skipTextToHtml: true, skipTextLinks: true });
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const groups = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return groups
    .flatMap((g) => g.value.flatMap((a) => (a.group ? a.group : [a])))
    .map((a) => ({ address: a.address?.trim() || null, name: a.name?.trim() || null }))
    .filter((a) => a.address !== null || a.name !== null);
}

/** Where the attachment sits in the body rather than beside it: a related part, or an inline one with a cid. */
function isInline(a: Attachment): boolean {
  return a.related === true || (a.contentDisposition === 'inline' && Boolean(a.cid));
}

/** An attached mail (message/rfc822) usually has no file name: it is saved as one the mail program opens. */
function nameOf(a: Attachment, index: number): string {
  const fallback =
    a.contentType === 'message/rfc822' ? `message-${index + 1}.eml` : `attachment-${index + 1}`;
  return a.filename?.trim() || fallback;
}

export function contentOf(id: string, mail: ParsedMail): MailContent {
  return {
    id,
    internetMessageId: mail.messageId?.trim() || null,
    subject: mail.subject ?? null,
    from: addressesOf(mail.from)[0] ?? null,
    toRecipients: addressesOf(mail.to),
    ccRecipients: addressesOf(mail.cc),
    sentDateTime: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: mail.attachments.map((a, i): MailAttachmentInfo => ({
      id: String(i),
      name: nameOf(a, i),
      contentType: a.contentType || 'application/octet-stream',
      size: a.size ?? a.content.length,
      isInline: isInline(a),
      kind: 'file',
    })),
  };
}

/** The attachment an id of `contentOf` names, or null (an id of another source or parse). */
export function attachmentOf(mail: ParsedMail, attachmentId: string): MailAttachmentContent | null {
  if (!/^\d{1,4}$/.test(attachmentId)) return null;
  const index = Number(attachmentId);
  const a = mail.attachments[index];
  if (!a) return null;
  return {
    name: nameOf(a, index),
    contentType: a.contentType || 'application/octet-stream',
    content: a.content,
  };
}
