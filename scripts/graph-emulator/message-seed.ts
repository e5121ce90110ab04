// Turns a fixture's message (every field optional) into the fields Graph shows, with Graph's defaults:
// whole-second UTC timestamps, bodyPreview cut at 255 characters, sender defaulting to from.
import type { AttachmentSeed, EmailAddressSeed, MessageSeed } from './types.js';

export interface Recipient {
  emailAddress: { name: string; address: string };
}

export interface MessageFields {
  subject: string | null;
  from: Recipient | null;
  sender: Recipient | null;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  replyTo: Recipient[];
  receivedDateTime: string;
  sentDateTime: string | null;
  internetMessageId: string | null;
  conversationId: string;
  isDraft: boolean;
  isRead: boolean;
  hasAttachments: boolean;
  importance: string;
  sensitivity: string;
  categories: string[];
  body: { contentType: string; content: string };
  bodyPreview: string;
  attachments: StoredAttachment[];
}

/** An attachment as stored; `id` is unique within its message (Graph's are long base64 strings). */
export interface StoredAttachment {
  kind: 'file' | 'item' | 'reference';
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId: string | null;
  lastModifiedDateTime: string;
  bytes: Buffer;
}

function storedAttachment(seed: AttachmentSeed, index: number, at: string): StoredAttachment {
  const bytes =
    seed.contentBytes !== undefined
      ? Buffer.from(seed.contentBytes, 'base64')
      : Buffer.from(seed.text ?? '', 'utf8');
  const kind = seed.kind ?? 'file';
  return {
    kind,
    id: Buffer.from(`AAMkAttachment.${index + 1}.${seed.name}`).toString('base64url'),
    name: seed.name,
    contentType: seed.contentType ?? (kind === 'file' ? 'application/octet-stream' : ''),
    size: bytes.length,
    isInline: seed.isInline ?? false,
    contentId: seed.contentId ?? null,
    lastModifiedDateTime: at,
    bytes,
  };
}

/** Graph timestamps have whole seconds: 2024-05-01T12:00:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseTime(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Invalid ${what}: ${value}`);
  return Math.floor(ms / 1000) * 1000;
}

function recipient(seed: EmailAddressSeed): Recipient {
  return { emailAddress: { name: seed.name ?? seed.address ?? '', address: seed.address ?? '' } };
}

function preview(content: string): string {
  return content
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

export interface SeedDefaults {
  /** The mailbox itself, the default author. */
  self: EmailAddressSeed;
  nowMs: number;
  defaultInternetMessageId: string;
  conversationId: () => string;
}

export function fieldsFromSeed(seed: MessageSeed, d: SeedDefaults): MessageFields {
  const received = isoSeconds(
    seed.receivedDateTime ? parseTime(seed.receivedDateTime, 'receivedDateTime') : d.nowMs,
  );
  const from = seed.from === null ? null : recipient(seed.from ?? d.self);
  const sender = seed.sender === null ? null : seed.sender ? recipient(seed.sender) : from;
  const body = seed.body ?? { contentType: 'text', content: '' };
  const attachments = (seed.attachments ?? []).map((a, i) => storedAttachment(a, i, received));
  let sent: string | null = received;
  if (seed.sentDateTime === null) sent = null;
  else if (seed.sentDateTime) sent = isoSeconds(parseTime(seed.sentDateTime, 'sentDateTime'));
  return {
    subject: seed.subject ?? null,
    from,
    sender,
    toRecipients: (seed.toRecipients ?? []).map(recipient),
    ccRecipients: (seed.ccRecipients ?? []).map(recipient),
    bccRecipients: (seed.bccRecipients ?? []).map(recipient),
    replyTo: (seed.replyTo ?? []).map(recipient),
    receivedDateTime: received,
    sentDateTime: sent,
    internetMessageId:
      seed.internetMessageId === undefined ? d.defaultInternetMessageId : seed.internetMessageId,
    conversationId: seed.conversationId ?? d.conversationId(),
    isDraft: seed.isDraft ?? false,
    isRead: seed.isRead ?? seed.isDraft ?? false,
    hasAttachments: seed.hasAttachments ?? attachments.some((a) => !a.isInline),
    importance: seed.importance ?? 'normal',
    sensitivity: seed.sensitivity ?? 'normal',
    categories: seed.categories ?? [],
    body,
    bodyPreview: preview(body.content),
    attachments,
  };
}
