// The user's In-Place Archive ("archive mailbox"), as far as Interlog's link check needs it. Microsoft documents
// that an immutable id survives moves between folders of a mailbox but changes when the item moves into the
// archive mailbox; that is what this models: the item leaves the primary mailbox (its old regular and immutable
// ids answer 404 ErrorItemNotFound) and comes back as a new item with new ids and a new webLink.
//
// Where it lives: Graph v1.0 does not reach In-Place Archives at all (the beta archive API addresses them as a
// mailbox of their own, `MBX:<guid>@<tenant>` from /settings/exchange). The emulator keeps the archive as a
// hidden folder tree "In-Place Archive" under the mailbox root (listed only with includeHiddenFolders=true), so
// its items are reachable by their new ids and by `$filter=internetMessageId eq '...'` on /users/{id}/messages.
// That is the path the link check exercises; in Exchange Online the same search also finds an item whose
// immutable id changed inside the primary mailbox (exported and imported again).
import type { MailStore, Recipient, StoredFolder, StoredMailbox, StoredMessage } from './store.js';
import type { EmailAddressSeed, MessageSeed } from './types.js';

export const ARCHIVE_ROOT_NAME = 'In-Place Archive';

function archiveFolder(store: MailStore, mb: StoredMailbox, name: string): StoredFolder {
  const find = (parent: StoredFolder, n: string) =>
    parent.children.find((f) => f.displayName.toLowerCase() === n.toLowerCase());
  const root = find(mb.root, ARCHIVE_ROOT_NAME) ?? store.createFolder(mb, mb.root, ARCHIVE_ROOT_NAME, true);
  return find(root, name) ?? store.createFolder(mb, root, name);
}

const seedOf = (r: Recipient): EmailAddressSeed => ({
  address: r.emailAddress.address,
  name: r.emailAddress.name,
});

/** Moves a message into the archive mailbox's folder `folderName`; returns the new item (new ids). */
export function moveToArchiveMailbox(
  store: MailStore,
  msg: StoredMessage,
  folderName = 'Inbox',
): StoredMessage {
  const mb = msg.mailbox;
  const dest = archiveFolder(store, mb, folderName);
  const f = msg.fields;
  const seed: MessageSeed = {
    subject: f.subject,
    from: f.from ? seedOf(f.from) : null,
    sender: f.sender ? seedOf(f.sender) : null,
    toRecipients: f.toRecipients.map(seedOf),
    ccRecipients: f.ccRecipients.map(seedOf),
    bccRecipients: f.bccRecipients.map(seedOf),
    replyTo: f.replyTo.map(seedOf),
    receivedDateTime: f.receivedDateTime,
    sentDateTime: f.sentDateTime,
    internetMessageId: f.internetMessageId,
    conversationId: f.conversationId,
    isDraft: f.isDraft,
    isRead: f.isRead,
    hasAttachments: f.hasAttachments,
    importance: f.importance as MessageSeed['importance'],
    sensitivity: f.sensitivity as MessageSeed['sensitivity'],
    categories: [...f.categories],
    body: { ...f.body } as MessageSeed['body'],
    attachments: f.attachments.map((a) => ({
      kind: a.kind,
      name: a.name,
      contentType: a.contentType,
      contentBytes: a.bytes.toString('base64'),
      isInline: a.isInline,
      contentId: a.contentId,
    })),
  };
  // Exchange copies the item into the other mailbox and removes the original: nothing of the old ids remains.
  store.purge(msg);
  return store.addMessage(mb, dest, seed);
}
