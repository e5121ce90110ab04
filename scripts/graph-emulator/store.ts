// In-memory mail store: mailboxes, folders and messages with O(1) lookup by regular or immutable id and
// per-folder lists ordered by receivedDateTime, so a 100,000-message benchmark stays cheap per request.
import { GraphHttpError } from './errors.js';
import { createIdFactory, type IdFactory } from './ids.js';
import { SortedChunkList } from './sorted-list.js';
import { fieldsFromSeed, isoSeconds, type MessageFields } from './message-seed.js';
import type { MailboxState, MessageSeed } from './types.js';

export type { MessageFields, Recipient } from './message-seed.js';

export interface StoredMessage {
  readonly seq: number;
  readonly immutableId: string;
  regularId: string;
  readonly mailbox: StoredMailbox;
  folder: StoredFolder;
  readonly receivedMs: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeCount: number;
  /** The mailbox-wide change number of its last change in its folder (arrival, move in, update): delta order. */
  changeSeq: number;
  fields: MessageFields;
}

/** A message that left a folder (moved out or purged): what a delta round reports as `@removed`. */
export interface FolderRemoval {
  readonly seq: number;
  readonly immutableId: string;
  readonly regularId: string;
}

export interface StoredFolder {
  readonly id: string;
  displayName: string;
  readonly wellKnownName: string | null;
  readonly parentId: string;
  isHidden: boolean;
  readonly messages: SortedChunkList<StoredMessage>;
  unread: number;
  readonly children: StoredFolder[];
  /** Messages that left the folder, in change order (delta.ts reports them to rounds that knew them). */
  readonly removals: FolderRemoval[];
}

export interface StoredMailbox {
  readonly address: string;
  displayName: string;
  readonly id: string;
  state: MailboxState;
  readonly ids: IdFactory;
  readonly root: StoredFolder;
  readonly folders: Map<string, StoredFolder>;
  readonly wellKnown: Map<string, StoredFolder>;
  readonly byRegularId: Map<string, StoredMessage>;
  readonly byImmutableId: Map<string, StoredMessage>;
  /** Every message of the mailbox (GET /users/{id}/messages), same order as a folder. */
  readonly all: SortedChunkList<StoredMessage>;
}

/**
 * Well-known folders of every mailbox: [name, English display name, parent well-known name, hidden]. Graph
 * resolves all of them by name; hidden ones only show up in lists with includeHiddenFolders=true.
 */
const WELL_KNOWN: [string, string, string, boolean][] = [
  ['inbox', 'Inbox', 'msgfolderroot', false],
  ['drafts', 'Drafts', 'msgfolderroot', false],
  ['sentitems', 'Sent Items', 'msgfolderroot', false],
  ['deleteditems', 'Deleted Items', 'msgfolderroot', false],
  ['junkemail', 'Junk Email', 'msgfolderroot', false],
  ['archive', 'Archive', 'msgfolderroot', false],
  ['outbox', 'Outbox', 'msgfolderroot', false],
  ['conversationhistory', 'Conversation History', 'msgfolderroot', false],
  ['syncissues', 'Sync Issues', 'msgfolderroot', false],
  ['conflicts', 'Conflicts', 'syncissues', false],
  ['localfailures', 'Local Failures', 'syncissues', false],
  ['serverfailures', 'Server Failures', 'syncissues', false],
  ['scheduled', 'Scheduled', 'msgfolderroot', true],
  ['searchfolders', 'Search Folders', 'msgfolderroot', true],
  ['recoverableitemsdeletions', 'Deletions', 'msgfolderroot', true],
];

const sortKey = (m: StoredMessage): number => m.receivedMs;
const tieKey = (m: StoredMessage): number => m.seq;

export class MailStore {
  private readonly mailboxes = new Map<string, StoredMailbox>();
  private counter = 0;
  private readonly nextCounter = () => (this.counter += 1);
  /** Told when a message lands in a folder (new, or moved there): change notifications hang on it. */
  onArrive: ((msg: StoredMessage) => void) | undefined;
  /** Delta state tokens issued before this epoch are expired (expireDeltaTokens). */
  deltaEpoch = 0;

  /** The newest change number: a delta round covers the changes up to it. */
  changeNumber(): number {
    return this.counter;
  }

  constructor(private readonly now: () => number) {}

  mailbox(ref: string): StoredMailbox | undefined {
    return this.mailboxes.get(ref.toLowerCase());
  }

  mailboxList(): StoredMailbox[] {
    return [...new Set(this.mailboxes.values())];
  }

  /** Creates the mailbox with its well-known folders, or returns the existing one. */
  ensureMailbox(address: string, id: string, displayName?: string): StoredMailbox {
    const existing = this.mailbox(address);
    if (existing) return existing;
    const ids = createIdFactory(id, this.nextCounter);
    const root = this.newFolder(ids.folderId(), 'Top of Information Store', 'msgfolderroot', '', false);
    const mb: StoredMailbox = {
      address: address.toLowerCase(),
      displayName: displayName ?? address,
      id,
      state: 'ok',
      ids,
      root,
      folders: new Map([[root.id, root]]),
      wellKnown: new Map([['msgfolderroot', root]]),
      byRegularId: new Map(),
      byImmutableId: new Map(),
      all: new SortedChunkList(sortKey, tieKey),
    };
    for (const [name, display, parent, hidden] of WELL_KNOWN) {
      this.addFolder(mb, mb.wellKnown.get(parent)!, display, name, hidden);
    }
    this.mailboxes.set(mb.address, mb);
    this.mailboxes.set(id.toLowerCase(), mb);
    return mb;
  }

  private newFolder(
    id: string,
    name: string,
    wk: string | null,
    parentId: string,
    hidden: boolean,
  ): StoredFolder {
    const messages = new SortedChunkList(sortKey, tieKey);
    return {
      id,
      displayName: name,
      wellKnownName: wk,
      parentId,
      isHidden: hidden,
      messages,
      unread: 0,
      children: [],
      removals: [],
    };
  }

  private addFolder(
    mb: StoredMailbox,
    parent: StoredFolder,
    name: string,
    wk: string | null,
    hidden: boolean,
  ) {
    const folder = this.newFolder(mb.ids.folderId(), name, wk, parent.id, hidden);
    parent.children.push(folder);
    mb.folders.set(folder.id, folder);
    if (wk) mb.wellKnown.set(wk, folder);
    return folder;
  }

  /** A folder by well-known name (any case) or id, as Graph resolves path segments. */
  folder(mb: StoredMailbox, ref: string): StoredFolder | undefined {
    return mb.wellKnown.get(ref.toLowerCase()) ?? mb.folders.get(ref);
  }

  /** Like `folder`, also accepting a top-level display name (test helpers and fixtures only). */
  folderByName(mb: StoredMailbox, ref: string): StoredFolder | undefined {
    const lower = ref.toLowerCase();
    return this.folder(mb, ref) ?? mb.root.children.find((f) => f.displayName.toLowerCase() === lower);
  }

  createFolder(mb: StoredMailbox, parent: StoredFolder, displayName: string, isHidden = false): StoredFolder {
    const lower = displayName.toLowerCase();
    if (parent.children.some((f) => f.displayName.toLowerCase() === lower)) {
      throw new GraphHttpError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    }
    return this.addFolder(mb, parent, displayName, null, isHidden);
  }

  addMessage(mb: StoredMailbox, folder: StoredFolder, seed: MessageSeed): StoredMessage {
    const seq = this.nextCounter();
    const fields = fieldsFromSeed(seed, {
      self: { address: mb.address, name: mb.displayName },
      nowMs: this.now(),
      defaultInternetMessageId: `<emu.${seq}@${mb.address.split('@')[1] ?? 'emulator'}>`,
      conversationId: () => mb.ids.conversationId(),
    });
    const msg: StoredMessage = {
      seq,
      immutableId: mb.ids.immutableMessageId(),
      regularId: mb.ids.regularMessageId(),
      mailbox: mb,
      folder,
      receivedMs: Date.parse(fields.receivedDateTime),
      createdDateTime: fields.receivedDateTime,
      lastModifiedDateTime: fields.receivedDateTime,
      changeCount: 1,
      changeSeq: seq,
      fields,
    };
    mb.byImmutableId.set(msg.immutableId, msg);
    mb.byRegularId.set(msg.regularId, msg);
    mb.all.insert(msg);
    folder.messages.insert(msg);
    if (!msg.fields.isRead) folder.unread += 1;
    this.onArrive?.(msg);
    return msg;
  }

  /** A message by either id format (Exchange parses both, whatever the Prefer header says). */
  findMessage(mb: StoredMailbox, id: string): StoredMessage | undefined {
    return mb.byImmutableId.get(id) ?? mb.byRegularId.get(id);
  }

  private touch(msg: StoredMessage): void {
    msg.changeCount += 1;
    msg.changeSeq = this.nextCounter();
    msg.lastModifiedDateTime = isoSeconds(this.now());
  }

  private noteRemoval(msg: StoredMessage): void {
    msg.folder.removals.push({
      seq: this.nextCounter(),
      immutableId: msg.immutableId,
      regularId: msg.regularId,
    });
  }

  /** Moves a message: Exchange copies it into the destination and removes the original, so the regular id changes. */
  move(msg: StoredMessage, dest: StoredFolder): StoredMessage {
    const mb = msg.mailbox;
    this.noteRemoval(msg);
    msg.folder.messages.remove(msg);
    if (!msg.fields.isRead) msg.folder.unread -= 1;
    mb.byRegularId.delete(msg.regularId);
    msg.regularId = mb.ids.regularMessageId();
    mb.byRegularId.set(msg.regularId, msg);
    msg.folder = dest;
    dest.messages.insert(msg);
    if (!msg.fields.isRead) dest.unread += 1;
    this.touch(msg);
    this.onArrive?.(msg);
    return msg;
  }

  setRead(msg: StoredMessage, isRead: boolean): void {
    if (msg.fields.isRead === isRead) return;
    msg.fields.isRead = isRead;
    msg.folder.unread += isRead ? -1 : 1;
    this.touch(msg);
  }

  setCategories(msg: StoredMessage, categories: string[]): void {
    msg.fields.categories = categories;
    this.touch(msg);
  }

  /**
   * Removes a (not well-known) folder and everything in it for good, as when a user deletes it and empties
   * Deleted Items: its id answers 404 ErrorItemNotFound from then on, and so do its messages.
   */
  removeFolder(mb: StoredMailbox, folder: StoredFolder): void {
    if (folder.wellKnownName)
      throw new Error(`Graph emulator: '${folder.displayName}' is a well-known folder`);
    for (const child of [...folder.children]) this.removeFolder(mb, child);
    for (const msg of [...folder.messages]) this.purge(msg);
    const parent = mb.folders.get(folder.parentId) ?? mb.root;
    parent.children.splice(parent.children.indexOf(folder), 1);
    mb.folders.delete(folder.id);
  }

  /** Removes the message from the mailbox for good (permanentDelete, or DELETE inside Deleted Items). */
  purge(msg: StoredMessage): void {
    const mb = msg.mailbox;
    this.noteRemoval(msg);
    msg.folder.messages.remove(msg);
    if (!msg.fields.isRead) msg.folder.unread -= 1;
    mb.all.remove(msg);
    mb.byRegularId.delete(msg.regularId);
    mb.byImmutableId.delete(msg.immutableId);
  }
}
