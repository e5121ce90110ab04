// The adapter's message ids and Inbox cursor, as strings the engine stores. Pure.
//
// A message id names where the message was seen (folder, UIDVALIDITY, UID) and its Message-ID: the UID answers
// while the message stays there; after a move (by us, a crash, or a person) the Message-ID finds it again, so an
// id kept in an intent, the ledger or an entry's link keeps leading to the message.
import { MailSourceError } from '../MailSource.js';

export interface ImapMessageRef {
  folder: string;
  uidValidity: string;
  uid: number;
  /** With its angle brackets, as in the header; null when the message has none (then it cannot be re-found). */
  messageId: string | null;
}

const PREFIX = 'imap1';
/** Ids travel in API requests of at most 500 characters: a longer Message-ID is left out of the id. */
const MAX_MESSAGE_ID = 300;

// imap1:<uidValidity>:<uid>:<folder, URI-encoded>:<Message-ID as is, to the end>
export function encodeMessageId(ref: ImapMessageRef): string {
  const mid = ref.messageId && ref.messageId.length <= MAX_MESSAGE_ID ? ref.messageId : '';
  return `${PREFIX}:${ref.uidValidity}:${ref.uid}:${encodeURIComponent(ref.folder)}:${mid}`;
}

export function decodeMessageId(id: string): ImapMessageRef {
  const m = /^imap1:(\d+):(\d+):([^:]*):([\s\S]*)$/.exec(id);
  const uid = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(uid) || uid < 1) {
    throw new MailSourceError('invalid_request', 'Not a message id of this IMAP mail source.');
  }
  let folder: string;
  try {
    folder = decodeURIComponent(m[3]!);
  } catch {
    throw new MailSourceError('invalid_request', 'Not a message id of this IMAP mail source.');
  }
  return { folder, uidValidity: m[1]!, uid, messageId: m[4] ? m[4] : null };
}

/** Where the Inbox was read to: only UIDs above `highestUid` are new, while UIDVALIDITY stays the same. */
export interface InboxCursor {
  uidValidity: string;
  highestUid: number;
}

export function encodeCursor(c: InboxCursor): string {
  return JSON.stringify({ v: 1, uidValidity: c.uidValidity, highestUid: c.highestUid });
}

/** A cursor this adapter did not write (another provider's, another format) is answered with a full round. */
export function decodeCursor(cursor: string): InboxCursor {
  try {
    const raw = JSON.parse(cursor) as { v?: unknown; uidValidity?: unknown; highestUid?: unknown };
    if (
      raw.v === 1 &&
      typeof raw.uidValidity === 'string' &&
      /^\d+$/.test(raw.uidValidity) &&
      Number.isSafeInteger(raw.highestUid) &&
      (raw.highestUid as number) >= 0
    ) {
      return { uidValidity: raw.uidValidity, highestUid: raw.highestUid as number };
    }
  } catch {
    // not ours: below
  }
  throw new MailSourceError(
    'sync_reset',
    'The saved Inbox position is not an IMAP position: the Inbox is read again.',
  );
}
