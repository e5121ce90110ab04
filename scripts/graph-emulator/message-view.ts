// How a stored message or folder looks on the wire: Graph's JSON property names, ids in the format the
// request asked for (Prefer: IdType="ImmutableId"), and $select projections.
import { badRequest } from './errors.js';
import type { StoredFolder, StoredMessage } from './store.js';

export const MESSAGE_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
] as const;

const KNOWN = new Map(MESSAGE_PROPERTIES.map((p) => [p.toLowerCase(), p]));

export interface ViewOptions {
  immutable: boolean;
  baseUrl: string;
}

export function messageId(msg: StoredMessage, immutable: boolean): string {
  return immutable ? msg.immutableId : msg.regularId;
}

function changeKey(msg: StoredMessage): string {
  return Buffer.from(`CQAAABYAAAB${msg.seq.toString(36)}.${msg.changeCount}`).toString('base64');
}

/** Outlook on the web link; it names the id as this response shows it (the emulator serves /owa for it). */
export function webLink(msg: StoredMessage, view: ViewOptions): string {
  const id = encodeURIComponent(messageId(msg, view.immutable));
  return `${view.baseUrl}/owa/?ItemID=${id}&exvsurl=1&viewmodel=ReadMessageItem`;
}

export function messageJson(msg: StoredMessage, view: ViewOptions): Record<string, unknown> & { id: string } {
  const f = msg.fields;
  const ck = changeKey(msg);
  return {
    '@odata.etag': `W/"${ck}"`,
    id: messageId(msg, view.immutable),
    createdDateTime: msg.createdDateTime,
    lastModifiedDateTime: msg.lastModifiedDateTime,
    changeKey: ck,
    categories: [...f.categories],
    receivedDateTime: f.receivedDateTime,
    sentDateTime: f.sentDateTime,
    hasAttachments: f.hasAttachments,
    internetMessageId: f.internetMessageId,
    subject: f.subject,
    bodyPreview: f.bodyPreview,
    importance: f.importance,
    sensitivity: f.sensitivity,
    parentFolderId: msg.folder.id,
    conversationId: f.conversationId,
    conversationIndex: Buffer.from(`conv${msg.seq}`).toString('base64'),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: f.isRead,
    isDraft: f.isDraft,
    webLink: webLink(msg, view),
    inferenceClassification: 'focused',
    body: { ...f.body },
    sender: f.sender,
    from: f.from,
    toRecipients: f.toRecipients,
    ccRecipients: f.ccRecipients,
    bccRecipients: f.bccRecipients,
    replyTo: f.replyTo,
    flag: { flagStatus: 'notFlagged' },
  };
}

/** Parses $select; unknown names fail the way Graph's URI parser does. Null = all properties. */
export function parseSelect(select: string | null): string[] | null {
  if (select === null) return null;
  const names = select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.map((name) => {
    const known = KNOWN.get(name.toLowerCase());
    if (!known) {
      throw badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.message'.`,
        'RequestBroker--ParseUri',
      );
    }
    return known;
  });
}

/** Graph always returns id and @odata.etag, whatever $select names. */
export function project(full: Record<string, unknown>, select: string[] | null): Record<string, unknown> {
  if (!select) return full;
  const out: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id: full.id };
  for (const name of select) out[name] = full[name];
  return out;
}

export function folderJson(folder: StoredFolder): Record<string, unknown> {
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: folder.parentId,
    childFolderCount: folder.children.length,
    unreadItemCount: folder.unread,
    totalItemCount: folder.messages.size,
    sizeInBytes: folder.messages.size * 4096,
    isHidden: folder.isHidden,
  };
}
