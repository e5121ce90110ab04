// `listInbox`/`listNext`: the INBOX's messages received since an instant, oldest first, by UID pages (the
// setup check reads one). IMAP's SINCE compares dates only, so the instant itself is checked on INTERNALDATE.
import type { ImapFlow } from 'imapflow';
import { MailSourceError, type MessagePage } from '../MailSource.js';
import type { ImapSession } from './session.js';
import { MESSAGE_QUERY, translateMessage } from './translate.js';

export interface ListToken {
  receivedFrom: string | null;
  pageSize: number;
  afterUid: number;
  /** Of the first page: a later page of another numbering starts over. */
  uidValidity: string | null;
}

const DAY_MS = 24 * 3600 * 1000;

export function decodeListToken(next: string): ListToken {
  try {
    const t = JSON.parse(next) as Partial<ListToken> & { v?: unknown };
    if (t.v === 'list' && Number.isSafeInteger(t.afterUid) && Number.isSafeInteger(t.pageSize)) {
      return {
        receivedFrom: typeof t.receivedFrom === 'string' ? t.receivedFrom : null,
        pageSize: t.pageSize!,
        afterUid: t.afterUid!,
        uidValidity: typeof t.uidValidity === 'string' ? t.uidValidity : null,
      };
    }
  } catch {
    // below
  }
  throw new MailSourceError('invalid_request', 'Not a continuation of this IMAP mail source.');
}

export async function listInboxPage(
  c: ImapFlow,
  session: ImapSession,
  token: ListToken,
): Promise<MessagePage> {
  const from = token.receivedFrom === null ? null : Date.parse(token.receivedFrom);
  if (from !== null && Number.isNaN(from))
    throw new MailSourceError('invalid_request', 'Not an ISO date-time.');
  const size = Math.min(Math.max(1, Math.floor(token.pageSize)), 1000);
  const page = await session.inFolder(c, 'INBOX', async (mailbox) => {
    const uidValidity = String(mailbox.uidValidity);
    const after = token.uidValidity === uidValidity ? token.afterUid : 0;
    const query = { uid: `${after + 1}:*`, ...(from !== null ? { since: new Date(from - DAY_MS) } : {}) };
    await c.noop(); // the server announces mail that arrived since this session selected the folder
    const found = (await c.search(query, { uid: true })) || [];
    const uids = found.filter((u) => u > after).sort((a, b) => a - b);
    const raws = uids.length
      ? await c.fetchAll(uids.slice(0, size).join(','), MESSAGE_QUERY, { uid: true })
      : [];
    const messages = raws
      .sort((a, b) => a.uid - b.uid)
      .map((r) => translateMessage('INBOX', uidValidity, r))
      .filter(
        (m) => from === null || (m.receivedDateTime !== null && Date.parse(m.receivedDateTime) >= from),
      );
    const last = uids.slice(0, size).at(-1);
    const next =
      uids.length > size && last !== undefined
        ? JSON.stringify({ v: 'list', ...token, pageSize: size, afterUid: last, uidValidity })
        : null;
    return { messages, next };
  });
  if (!page) throw new MailSourceError('mailbox_not_found', 'The mailbox has no INBOX.');
  return page;
}
