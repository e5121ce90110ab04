// Raw Graph JSON of a message with its body, and of its attachments, -> what the logged mail's viewer shows.
// Pure and defensive as pageTranslator.ts. Graph's attachments are fileAttachment (bytes), itemAttachment (an
// attached Outlook item: a forwarded mail, a contact, a meeting; its $value is the item as MIME, vCard or
// iCalendar) and referenceAttachment (a link to a file in the cloud, no bytes: its $value answers 405). All three
// are listed, so a mail forwarded as an attachment is not silently missing from the viewer.
import {
  MailSourceError,
  type MailAttachmentContent,
  type MailAttachmentInfo,
  type MailAttachmentKind,
  type MailContent,
} from '../MailSource.js';
import { translateRecipient } from './pageTranslator.js';

/** What GET message asks for when the viewer opens it. */
export const CONTENT_SELECT = [
  'id',
  'internetMessageId',
  'subject',
  'from',
  'toRecipients',
  'ccRecipients',
  'sentDateTime',
  'receivedDateTime',
  'body',
] as const;

/**
 * What the attachment list asks for: metadata, never contentBytes (a download fetches $value). contentId is a
 * fileAttachment property: Graph parses $select against the base type microsoft.graph.attachment and refuses
 * a bare `contentId` (400 RequestBroker--ParseUri), so it is named with its type cast.
 */
export const ATTACHMENT_SELECT = [
  'id',
  'name',
  'contentType',
  'size',
  'isInline',
  'microsoft.graph.fileAttachment/contentId',
] as const;

/** Pictures inside the body fetched to embed them (a signature's logo): at most this many, each this large. */
export const MAX_EMBEDDED_PICTURES = 10;
export const MAX_EMBEDDED_BYTES = 1_000_000;

/** An inline picture the HTML names as cid:<contentId>. */
export interface CidPicture {
  attachmentId: string;
  contentId: string;
  contentType: string;
}

/** The inline pictures of an attachments page that `html` refers to and that are small enough to embed. */
export function cidPictures(html: string | null, attachmentsPage: unknown): CidPicture[] {
  if (!html || !isObject(attachmentsPage) || !Array.isArray(attachmentsPage.value)) return [];
  const out: CidPicture[] = [];
  for (const raw of attachmentsPage.value) {
    const info = translateAttachment(raw);
    const contentId = isObject(raw) ? str(raw.contentId)?.replace(/^<|>$/g, '') : null;
    if (!info || !info.isInline || !contentId || !/^image\//i.test(info.contentType)) continue;
    if (info.size > MAX_EMBEDDED_BYTES || !html.includes(`cid:${contentId}`)) continue;
    out.push({ attachmentId: info.id, contentId, contentType: info.contentType.toLowerCase() });
    if (out.length === MAX_EMBEDDED_PICTURES) break;
  }
  return out;
}

/** The HTML with each fetched picture's cid: reference replaced by its bytes as a data: URI. */
export function embedPictures(
  html: string,
  pictures: { contentId: string; contentType: string; bytes: Buffer }[],
): string {
  let out = html;
  for (const p of pictures) {
    out = out.split(`cid:${p.contentId}`).join(`data:${p.contentType};base64,${p.bytes.toString('base64')}`);
  }
  return out;
}

const KINDS: Record<string, MailAttachmentKind> = {
  '#microsoft.graph.fileAttachment': 'file',
  '#microsoft.graph.itemAttachment': 'item',
  '#microsoft.graph.referenceAttachment': 'link',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function translateAttachment(raw: unknown): MailAttachmentInfo | null {
  if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') return null;
  // A $select'ed list still names each item's type (a type Graph adds later is left out: no known way to read it).
  const type = str(raw['@odata.type']);
  const kind = type === null ? 'file' : KINDS[type];
  if (kind === undefined) return null;
  return {
    id: raw.id,
    name: str(raw.name)?.trim() || (kind === 'item' ? 'item' : 'attachment'),
    // An item attachment's contentType is null; its download's type is known once its contents are read.
    contentType: str(raw.contentType) || (kind === 'item' ? 'message/rfc822' : 'application/octet-stream'),
    size: typeof raw.size === 'number' && raw.size >= 0 ? raw.size : 0,
    // A reference attachment may say isInline (Graph's own example does): it is still a file beside the text.
    isInline: kind === 'file' && raw.isInline === true,
    kind,
  };
}

export function translateContent(raw: unknown, attachmentsPage: unknown): MailContent {
  if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') {
    throw new MailSourceError('transient', 'Graph returned a message without an id.');
  }
  const body = isObject(raw.body) ? raw.body : {};
  const content = str(body.content);
  const html = str(body.contentType)?.toLowerCase() === 'html';
  const list = isObject(attachmentsPage) && Array.isArray(attachmentsPage.value) ? attachmentsPage.value : [];
  const recipients = (v: unknown) =>
    Array.isArray(v) ? v.map(translateRecipient).filter((a) => a !== null) : [];
  return {
    id: raw.id,
    internetMessageId: str(raw.internetMessageId),
    subject: str(raw.subject),
    from: translateRecipient(raw.from),
    toRecipients: recipients(raw.toRecipients),
    ccRecipients: recipients(raw.ccRecipients),
    sentDateTime: str(raw.sentDateTime) ?? str(raw.receivedDateTime),
    text: html ? null : content,
    html: html ? content : null,
    attachments: list.map(translateAttachment).filter((a) => a !== null),
  };
}

/**
 * An item attachment's download: its $value is the item's MIME (a mail), vCard (a contact) or iCalendar (an
 * event); the file gets the extension and type a mail program opens it with.
 */
export function itemAttachmentFile(name: string, content: Buffer): MailAttachmentContent {
  const head = content.subarray(0, 200).toString('latin1').trimStart().toUpperCase();
  const [ext, contentType] = head.startsWith('BEGIN:VCARD')
    ? ['.vcf', 'text/vcard']
    : head.startsWith('BEGIN:VCALENDAR')
      ? ['.ics', 'text/calendar']
      : ['.eml', 'message/rfc822'];
  const named = name.toLowerCase().endsWith(ext) ? name : `${name}${ext}`;
  return { name: named, contentType, content };
}
