// MailSource over IMAP (Dovecot, Exchange on-premises, Google Workspace, any host): the logging mailbox's
// INBOX read by UID, archived with UID MOVE (imapflow falls back to COPY + \Deleted + UID EXPUNGE where MOVE is
// missing) and UIDPLUS's COPYUID telling where a message went. Ids survive moves (ids.ts). No Graph-style
// subscriptions: new mail is announced by IDLE on a connection of its own (idle.ts), and the scheduler polls.
import type { ImapFlow } from 'imapflow';
import {
  MailSourceError,
  type ChangePage,
  type InboxQuery,
  type MailFolder,
  type MailMessage,
  type MailAttachmentContent,
  type MailContent,
  type MailOperation,
  type MailOperationResult,
  type MailSource,
  type MessagePage,
} from '../MailSource.js';
import type { ImapMailSourceConfig } from './config.js';
import { MAX_VIEWED_SOURCE_BYTES, attachmentOf, contentOf, parseSource } from './content.js';
import { toMailSourceError } from './errors.js';
import { watchInboxIdle } from './idle.js';
import { findFolder, isSelectable, leafName, pathToCreate, type FolderEntry } from './folders.js';
import { decodeCursor, decodeMessageId, encodeCursor, type ImapMessageRef } from './ids.js';
import { listInboxPage, decodeListToken } from './listing.js';
import { moveMessages, type MoveRequest } from './moves.js';
import { ImapSession, type ImapSessionDeps } from './session.js';
import { MESSAGE_QUERY, translateMessage } from './translate.js';

export type ImapMailSourceDeps = ImapSessionDeps;

/** The source plus `close()`, for callers that know they hold an IMAP source (tests, the CLI). */
export interface ImapMailSource extends MailSource {
  close(): Promise<void>;
}

const MAX_PAGE_SIZE = 1000;
const RECENT_LIMIT = 5000;

export function createImapMailSource(
  config: ImapMailSourceConfig,
  deps: ImapMailSourceDeps = {},
): ImapMailSource {
  const session = new ImapSession(config, deps);
  // Messages this source read from the Inbox, until they are moved: the move's answer is built from them.
  const recent = new Map<string, MailMessage>();
  const remember = (messages: MailMessage[]) => {
    for (const m of messages) recent.set(m.id, m);
    for (const id of recent.keys()) {
      if (recent.size <= RECENT_LIMIT) break;
      recent.delete(id);
    }
  };
  const prefixOf = (c: ImapFlow) => c.namespace?.prefix ?? '';

  async function folderOf(c: ImapFlow, entry: Pick<FolderEntry, 'path' | 'delimiter'>): Promise<MailFolder> {
    const size = c.capabilities.has('STATUS=SIZE');
    const status = await c.status(entry.path, { messages: true, ...(size ? { size: true } : {}) });
    return {
      id: entry.path,
      displayName: leafName(entry.path, entry.delimiter),
      itemCount: status ? (status.messages ?? null) : null,
      sizeBytes: status ? (status.size ?? null) : null,
    };
  }

  /** The message a ref names if its UID still answers there with the same Message-ID, else null. */
  async function fetchRef(c: ImapFlow, ref: ImapMessageRef): Promise<MailMessage | null> {
    const found = await session.inFolder(c, ref.folder, async (mailbox) => {
      if (String(mailbox.uidValidity) !== ref.uidValidity) return null;
      const [raw] = await c.fetchAll(String(ref.uid), MESSAGE_QUERY, { uid: true });
      return raw ? translateMessage(ref.folder, ref.uidValidity, raw) : null;
    });
    if (!found || (ref.messageId !== null && found.internetMessageId !== ref.messageId)) return null;
    return found;
  }

  /** The first message with this Message-ID: in `prefer` first, then the INBOX, then every other folder. */
  async function locate(c: ImapFlow, messageId: string, prefer: string): Promise<MailMessage | null> {
    const folders = (await c.list()).filter(isSelectable).map((f) => f.path);
    const order = [prefer, 'INBOX', ...folders.filter((p) => p !== prefer && p !== 'INBOX')];
    for (const path of order.filter((p, i) => order.indexOf(p) === i && folders.includes(p))) {
      const hit = await session.inFolder(c, path, async (mailbox) => {
        // SEARCH HEADER matches substrings, case-insensitively: the ENVELOPE's Message-ID must be the same.
        const uids = (await c.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
        if (uids.length === 0) return null;
        const raws = await c.fetchAll(uids.join(','), MESSAGE_QUERY, { uid: true });
        const raw = raws
          .sort((a, b) => a.uid - b.uid)
          .find((r) => r.envelope?.messageId?.trim() === messageId);
        return raw ? translateMessage(path, String(mailbox.uidValidity), raw) : null;
      });
      if (hit) return hit;
    }
    return null;
  }

  async function getMessage(id: string): Promise<MailMessage | null> {
    const ref = decodeMessageId(id);
    return session.run('FETCH message', async (c) => {
      const direct = await fetchRef(c, ref);
      if (direct) return direct;
      return ref.messageId ? locate(c, ref.messageId, ref.folder) : null;
    });
  }

  /** The MIME source of the message an id names, if its UID still answers there (UIDVALIDITY unchanged); its
   *  size (RFC822.SIZE) is asked first, and a source over MAX_VIEWED_SOURCE_BYTES is never fetched. */
  async function sourceAt(c: ImapFlow, id: string): Promise<Buffer | null> {
    const at = decodeMessageId(id);
    const raw = await session.inFolder(c, at.folder, async (mailbox) => {
      if (String(mailbox.uidValidity) !== at.uidValidity) return false;
      const meta = await c.fetchOne(String(at.uid), { uid: true, size: true }, { uid: true });
      if (meta && (meta.size ?? 0) > MAX_VIEWED_SOURCE_BYTES)
        throw new MailSourceError(
          'too_large',
          `The message is ${Math.ceil(meta.size! / 1048576)} MB; Interlog shows mail up to ${MAX_VIEWED_SOURCE_BYTES / 1048576} MB.`,
        );
      return meta ? c.fetchOne(String(at.uid), { uid: true, source: true }, { uid: true }) : false;
    });
    return raw && raw.source ? raw.source : null;
  }

  /**
   * The message's MIME source where `getMessage` finds it (its UID, else its Message-ID), parsed; or null. A UID
   * that answered a moment ago may be expunged by the time its source is fetched (someone moved the message):
   * then it is looked for by Message-ID too.
   */
  async function parsedMessage(id: string) {
    const ref = decodeMessageId(id);
    return session.run('FETCH message source', async (c) => {
      const direct = await fetchRef(c, ref);
      let found = direct && { id: direct.id, source: await sourceAt(c, direct.id) };
      if (!found?.source && ref.messageId) {
        const located = await locate(c, ref.messageId, ref.folder);
        found = located && { id: located.id, source: await sourceAt(c, located.id) };
      }
      return found?.source ? { id: found.id, mail: await parseSource(found.source) } : null;
    });
  }

  async function resolveFolder(nameOrId: string, opts?: { create?: boolean }): Promise<MailFolder> {
    const name = nameOrId.trim();
    if (!name) throw new MailSourceError('invalid_request', 'A folder name or id is required.');
    return session.run(`resolve folder ${name}`, async (c) => {
      const list = await c.list();
      const found = findFolder(list, name, prefixOf(c), config.folders);
      if (found) return folderOf(c, found);
      if (!opts?.create) throw new MailSourceError('not_found', `No folder named "${name}".`);
      const path = pathToCreate(name, prefixOf(c), config.folders);
      await c.mailboxCreate(path); // an existing one (someone else's create) is not an error
      return folderOf(c, { path, delimiter: c.namespace?.delimiter ?? list[0]?.delimiter ?? '/' });
    });
  }

  async function resolveSubfolder(
    parentId: string,
    displayName: string,
    opts?: { create?: boolean },
  ): Promise<MailFolder> {
    const name = displayName.trim();
    if (!name) throw new MailSourceError('invalid_request', 'A folder name is required.');
    return session.run(`resolve folder ${parentId}/${name}`, async (c) => {
      const list = await c.list();
      const parent = list.find((f) => f.path === parentId);
      if (!parent) throw new MailSourceError('not_found', `No folder "${parentId}".`);
      const path = `${parentId}${parent.delimiter}${name}`;
      const found = list.find((f) => f.path === path);
      if (found) return folderOf(c, found);
      if (!opts?.create) throw new MailSourceError('not_found', `No folder named "${name}" there.`);
      await c.mailboxCreate(path);
      return folderOf(c, { path, delimiter: parent.delimiter });
    });
  }

  async function applyMany(operations: MailOperation[]): Promise<MailOperationResult[]> {
    const results: MailOperationResult[] = new Array(operations.length);
    const settle = (i: number, r: MailOperationResult) => (results[i] = r);
    try {
      await session.run('apply operations', async (c) => {
        const list = await c.list();
        // Deletes go to Trash (as Outlook deletes), or are expunged where the mailbox has none.
        const trash = findFolder(list, 'deleteditems', prefixOf(c), config.folders)?.path ?? null;
        const requests: MoveRequest[] = [];
        for (const [i, op] of operations.entries()) {
          if (results[i]) continue; // settled by an earlier attempt on a connection that then failed
          let ref: ImapMessageRef;
          try {
            ref = decodeMessageId(op.id);
          } catch (err) {
            settle(i, { ok: false, error: toMailSourceError(err, op.kind) });
            continue;
          }
          const known = recent.get(op.id);
          recent.delete(op.id);
          if (op.kind === 'delete') requests.push({ index: i, ref, destination: trash, remove: true });
          else {
            // A folder id (path) or a well-known name ("inbox" when quarantined mail is released).
            const destination = findFolder(list, op.destination, prefixOf(c), config.folders)?.path;
            if (destination) requests.push({ index: i, ref, destination, remove: false, known });
            else {
              const error = new MailSourceError('not_found', `No folder "${op.destination}" in the mailbox.`);
              settle(i, { ok: false, error });
            }
          }
        }
        await moveMessages(c, session, requests, { locate }, settle);
      });
    } catch (err) {
      const error = toMailSourceError(err, 'apply operations'); // every unsettled operation's failure
      operations.forEach((_, i) => results[i] ?? settle(i, { ok: false, error }));
    }
    return results;
  }

  return {
    async listInbox(query: InboxQuery): Promise<MessagePage> {
      return session.run('list INBOX', (c) =>
        listInboxPage(c, session, { ...query, afterUid: 0, uidValidity: null }),
      );
    },
    async listNext(next: string): Promise<MessagePage> {
      const token = decodeListToken(next);
      return session.run('list INBOX', (c) => listInboxPage(c, session, token));
    },
    async readInbox(cursor: string | null, pageSize: number): Promise<ChangePage> {
      const from = cursor === null ? null : decodeCursor(cursor);
      const size = Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE_SIZE);
      return session.run('read INBOX', async (c) => {
        const page = await session.inFolder(c, 'INBOX', async (mailbox) => {
          const uidValidity = String(mailbox.uidValidity);
          if (from && from.uidValidity !== uidValidity) {
            // The folder was recreated (or the server renumbered it): UIDs mean nothing now; read it all again.
            throw new MailSourceError(
              'sync_reset',
              'The Inbox UIDVALIDITY changed: the Inbox is read again in full.',
            );
          }
          const after = from?.highestUid ?? 0;
          // "n:*" also matches the highest UID when it is below n: hence the filter.
          await c.noop(); // the server announces mail that arrived since this session selected the folder
          const found = (await c.search({ uid: `${after + 1}:*` }, { uid: true })) || [];
          const uids = found.filter((u) => u > after).sort((a, b) => a - b);
          const pageUids = uids.slice(0, size);
          const raws = pageUids.length
            ? await c.fetchAll(pageUids.join(','), MESSAGE_QUERY, { uid: true })
            : [];
          const messages = raws
            .sort((a, b) => a.uid - b.uid)
            .map((r) => translateMessage('INBOX', uidValidity, r));
          remember(messages);
          const position = encodeCursor({ uidValidity, highestUid: pageUids.at(-1) ?? after });
          return uids.length > size
            ? { messages, next: position, done: null }
            : { messages, next: null, done: position };
        });
        if (!page) throw new MailSourceError('mailbox_not_found', 'The mailbox has no INBOX.');
        return page;
      });
    },
    getMessage,
    async findByInternetMessageId(internetMessageId: string): Promise<MailMessage | null> {
      const mid = internetMessageId.trim();
      if (!mid) return null;
      return session.run('SEARCH Message-ID', (c) => locate(c, mid, 'INBOX'));
    },
    async getMessageContent(id: string): Promise<MailContent | null> {
      const parsed = await parsedMessage(id);
      return parsed && contentOf(parsed.id, parsed.mail);
    },
    async getAttachment(id: string, attachmentId: string): Promise<MailAttachmentContent | null> {
      const parsed = await parsedMessage(id);
      return parsed && attachmentOf(parsed.mail, attachmentId);
    },
    async move(id: string, destination: string): Promise<MailMessage> {
      if (!destination.trim())
        throw new MailSourceError('invalid_request', 'A destination folder is required.');
      const [result] = await applyMany([{ kind: 'move', id, destination: destination.trim() }]);
      if (!result!.ok) throw result!.error;
      return result!.message!;
    },
    async delete(id: string): Promise<void> {
      const [result] = await applyMany([{ kind: 'delete', id }]);
      if (!result!.ok) throw result!.error;
    },
    applyMany,
    // Exchange's X.500 addresses only occur in Exchange's own mail; IMAP has no directory to ask.
    resolveLegacyDn: async () => null,
    resolveFolder,
    resolveSubfolder,
    close: () => session.close(),
    watchInbox: (events, signal) => watchInboxIdle(config, events, signal),
  };
}
