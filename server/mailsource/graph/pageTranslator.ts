// Raw Graph JSON -> the MailSource types. Pure and defensive: Graph omits properties that are null, drafts have
// no sender, and some items (meeting responses, NDRs) lack recipients, so every field may be missing.
import {
  MailSourceError,
  type ChangePage,
  type MailAddress,
  type MailMessage,
  type MessagePage,
} from '../MailSource.js';

/** Exactly the properties MailMessage needs: smaller pages, fewer 504s on large folders. */
export const MESSAGE_SELECT = [
  'id',
  'internetMessageId',
  'conversationId',
  'isDraft',
  'subject',
  'sentDateTime',
  'receivedDateTime',
  'webLink',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'parentFolderId',
  // Private and Confidential mail is logged without its subject (domain/classifier.ts).
  'sensitivity',
] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A Graph `recipient`: `{ "emailAddress": { "name": "...", "address": "..." } }`. */
export function translateRecipient(raw: unknown): MailAddress | null {
  if (!isObject(raw) || !isObject(raw.emailAddress)) return null;
  const address = stringOrNull(raw.emailAddress.address);
  const name = stringOrNull(raw.emailAddress.name);
  if (address === null && name === null) return null;
  return { address, name };
}

function translateRecipients(raw: unknown): MailAddress[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(translateRecipient).filter((a): a is MailAddress => a !== null);
}

export function translateMessage(raw: unknown): MailMessage {
  if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '') {
    // Every Graph message has an id; without one we could neither log nor move it, so treat it as a glitch.
    throw new MailSourceError('transient', 'Graph returned a message without an id.');
  }
  return {
    id: raw.id,
    internetMessageId: stringOrNull(raw.internetMessageId),
    conversationId: stringOrNull(raw.conversationId),
    isDraft: raw.isDraft === true,
    subject: stringOrNull(raw.subject),
    sentDateTime: stringOrNull(raw.sentDateTime),
    receivedDateTime: stringOrNull(raw.receivedDateTime),
    webLink: stringOrNull(raw.webLink),
    sender: translateRecipient(raw.sender),
    from: translateRecipient(raw.from),
    toRecipients: translateRecipients(raw.toRecipients),
    ccRecipients: translateRecipients(raw.ccRecipients),
    parentFolderId: stringOrNull(raw.parentFolderId),
    sensitivity: stringOrNull(raw.sensitivity),
  };
}

/** A collection page: `{ "value": [...], "@odata.nextLink"?: "https://..." }`. */
/** A page of messages/delta: `@removed` entries (mail that left the Inbox, our own moves included) dropped. */
export function translateChangePage(raw: unknown): ChangePage {
  if (!isObject(raw) || !Array.isArray(raw.value)) {
    throw new MailSourceError('transient', 'Graph returned a delta page without a value array.');
  }
  const link = (key: string) => {
    const v = raw[key];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const next = link('@odata.nextLink');
  const done = next === null ? link('@odata.deltaLink') : null;
  if (next === null && done === null)
    throw new MailSourceError(
      'transient',
      'Graph returned a delta page with neither nextLink nor deltaLink.',
    );
  return {
    messages: raw.value.filter((m) => !(isObject(m) && '@removed' in m)).map(translateMessage),
    next,
    done,
  };
}

export function translatePage(raw: unknown): MessagePage {
  if (!isObject(raw) || !Array.isArray(raw.value)) {
    throw new MailSourceError('transient', 'Graph returned a message page without a value array.');
  }
  const next = raw['@odata.nextLink'];
  return {
    messages: raw.value.map(translateMessage),
    next: typeof next === 'string' && next !== '' ? next : null,
  };
}
