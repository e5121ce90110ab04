// An IMAP FETCH answer -> the engine's MailMessage. Pure. Addresses, subject and Message-ID come from the
// ENVELOPE (already decoded by imapflow); `sender` is the Sender: header, which the server fills in with From:
// when there is none (RFC 3501), as Graph does. Received is INTERNALDATE (when the mailbox got it), sent the
// Date: header.
import type { FetchMessageObject, FetchQueryObject, MessageAddressObject } from 'imapflow';
import type { MailAddress, MailMessage } from '../MailSource.js';
import { encodeMessageId } from './ids.js';

/** What every read of a message fetches. */
export const MESSAGE_QUERY: FetchQueryObject = {
  uid: true,
  envelope: true,
  internalDate: true,
  flags: true,
  headers: ['sensitivity'],
};

function address(a: MessageAddressObject | undefined): MailAddress | null {
  if (!a) return null;
  return { address: a.address?.trim() || null, name: a.name?.trim() || null };
}

function addresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  return (list ?? []).map((a) => address(a)!).filter((a) => a.address !== null || a.name !== null);
}

function iso(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

// RFC 2156's Sensitivity: header, in Graph's words (Outlook and Exchange write it).
const SENSITIVITY: Record<string, string> = {
  personal: 'personal',
  private: 'private',
  'company-confidential': 'confidential',
};

export function sensitivityOf(headers: Buffer | undefined): string {
  const m = headers ? /^sensitivity:[ \t]*([^\r\n]*)/im.exec(headers.toString('latin1')) : null;
  if (!m) return 'normal'; // no mark: as Graph reports unmarked mail
  return SENSITIVITY[m[1]!.trim().toLowerCase()] ?? 'normal';
}

export function translateMessage(folder: string, uidValidity: string, raw: FetchMessageObject): MailMessage {
  const env = raw.envelope ?? {};
  const messageId = env.messageId?.trim() || null;
  return {
    id: encodeMessageId({ folder, uidValidity, uid: raw.uid, messageId }),
    internetMessageId: messageId,
    conversationId: raw.threadId ?? null,
    isDraft: raw.flags?.has('\\Draft') ?? false,
    subject: env.subject ?? null,
    sentDateTime: iso(env.date),
    receivedDateTime: iso(raw.internalDate),
    webLink: null, // IMAP has no web address of a message; the id is the link
    sender: address(env.sender?.[0]),
    from: address(env.from?.[0]),
    toRecipients: addresses(env.to),
    ccRecipients: addresses(env.cc),
    parentFolderId: folder,
    sensitivity: sensitivityOf(raw.headers),
  };
}
