// Pure builders of the Graph URLs the adapter sends, so their exact shape is tested without a network.
import { MailSourceError, type InboxQuery } from '../MailSource.js';
import { ATTACHMENT_SELECT, CONTENT_SELECT } from './contentTranslator.js';
import { MESSAGE_SELECT } from './pageTranslator.js';

/** Graph's well-known folder names (case-insensitive), usable wherever a folder id is. */
export const WELL_KNOWN_FOLDERS = new Set([
  'archive',
  'clutter',
  'conflicts',
  'conversationhistory',
  'deleteditems',
  'drafts',
  'inbox',
  'junkemail',
  'localfailures',
  'msgfolderroot',
  'outbox',
  'recoverableitemsdeletions',
  'scheduled',
  'searchfolders',
  'sentitems',
  'serverfailures',
  'syncissues',
]);

/** Builds a query string with every value percent-encoded (the SDK would send values as given). */
export function queryString(params: Array<[string, string | number]>): string {
  if (params.length === 0) return '';
  return '?' + params.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}

export const MAX_PAGE_SIZE = 1000;
// Counts and size: the archive folder's capacity against Exchange Online's limits (domain/archiveCapacity.ts).
const FOLDER_SELECT = 'id,displayName,totalItemCount,sizeInBytes';

export function wellKnownFolderName(nameOrId: string): string | null {
  const lower = nameOrId.trim().toLowerCase();
  return WELL_KNOWN_FOLDERS.has(lower) ? lower : null;
}

/** Exchange ids are long base64(url) strings; display names usually are not. */
export function looksLikeFolderId(value: string): boolean {
  return /^[A-Za-z0-9_=+/-]{16,}$/.test(value);
}

/** OData string literal: single quotes doubled, then wrapped in quotes. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function normaliseIsoInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new MailSourceError('invalid_request', `Not an ISO date-time: ${value}`);
  return new Date(ms).toISOString();
}

export class GraphUrls {
  private readonly mailboxRoot: string;

  constructor(
    private readonly apiRoot: string,
    mailbox: string,
  ) {
    if (!mailbox.trim()) throw new MailSourceError('invalid_request', 'The mailbox address is missing.');
    this.mailboxRoot = `${apiRoot}/users/${encodeURIComponent(mailbox.trim())}`;
  }

  /** Directory users matching an OData filter (at most 2: one is an answer, two an ambiguity). */
  users(filter: string): string {
    return `${this.apiRoot}/users${queryString([
      ['$filter', filter],
      ['$select', 'mail,userPrincipalName'],
      ['$top', 2],
    ])}`;
  }

  /** Inbox oldest first; Graph wants every $orderby property to lead the $filter, which receivedDateTime does. */
  inbox(query: InboxQuery): string {
    if (!Number.isInteger(query.pageSize) || query.pageSize < 1) {
      throw new MailSourceError('invalid_request', `Page size must be a positive integer: ${query.pageSize}`);
    }
    const params: Array<[string, string | number]> = [
      ['$select', MESSAGE_SELECT.join(',')],
      ['$top', Math.min(query.pageSize, MAX_PAGE_SIZE)],
      ['$orderby', 'receivedDateTime asc'],
    ];
    if (query.receivedFrom !== null) {
      params.push(['$filter', `receivedDateTime ge ${normaliseIsoInstant(query.receivedFrom)}`]);
    }
    return `${this.mailboxRoot}/mailFolders/inbox/messages${queryString(params)}`;
  }

  /** The first call of a round of Inbox changes (messages/delta); later pages follow the links it returns. */
  inboxDelta(): string {
    return `${this.mailboxRoot}/mailFolders/inbox/messages/delta${queryString([['$select', MESSAGE_SELECT.join(',')]])}`;
  }

  message(id: string): string {
    return `${this.messagePath(id)}${queryString([['$select', MESSAGE_SELECT.join(',')]])}`;
  }

  /** The message with its body, for the viewer. */
  messageContent(id: string): string {
    return `${this.messagePath(id)}${queryString([['$select', CONTENT_SELECT.join(',')]])}`;
  }

  /** A message's attachments, metadata only (Graph caps the list; 100 is far above what a mail carries). */
  attachments(id: string): string {
    return `${this.messagePath(id)}/attachments${queryString([
      ['$select', ATTACHMENT_SELECT.join(',')],
      ['$top', 100],
    ])}`;
  }

  attachment(id: string, attachmentId: string): string {
    return `${this.attachmentPath(id, attachmentId)}${queryString([['$select', ATTACHMENT_SELECT.join(',')]])}`;
  }

  /** An attachment's raw bytes (fileAttachment). */
  attachmentValue(id: string, attachmentId: string): string {
    return `${this.attachmentPath(id, attachmentId)}/$value`;
  }

  /** The whole mailbox's messages with this Internet Message-ID (Graph filters it exactly). */
  byInternetMessageId(internetMessageId: string): string {
    if (!internetMessageId) throw new MailSourceError('invalid_request', 'An internetMessageId is required.');
    return `${this.mailboxRoot}/messages${queryString([
      ['$filter', `internetMessageId eq ${odataString(internetMessageId)}`],
      ['$select', MESSAGE_SELECT.join(',')],
      ['$top', 1],
    ])}`;
  }

  messageDelete(id: string): string {
    return this.messagePath(id);
  }

  move(id: string): string {
    return `${this.messagePath(id)}/move`;
  }

  folder(idOrWellKnownName: string): string {
    return `${this.mailboxRoot}/mailFolders/${encodeURIComponent(idOrWellKnownName)}${queryString([['$select', FOLDER_SELECT]])}`;
  }

  /** Top-level folders (children of the mailbox root) with exactly this display name. */
  folderByDisplayName(displayName: string): string {
    return `${this.mailboxRoot}/mailFolders${queryString([
      ['$filter', `displayName eq ${odataString(displayName)}`],
      ['$select', FOLDER_SELECT],
      ['$top', 2],
    ])}`;
  }

  folders(): string {
    return `${this.mailboxRoot}/mailFolders`;
  }

  /** Child folders of a folder with exactly this display name. */
  childFolderByDisplayName(parentId: string, displayName: string): string {
    return `${this.childFolders(parentId)}${queryString([
      ['$filter', `displayName eq ${odataString(displayName)}`],
      ['$select', FOLDER_SELECT],
      ['$top', 2],
    ])}`;
  }

  childFolders(parentId: string): string {
    if (!parentId) throw new MailSourceError('invalid_request', 'A parent folder id is required.');
    return `${this.mailboxRoot}/mailFolders/${encodeURIComponent(parentId)}/childFolders`;
  }

  private attachmentPath(id: string, attachmentId: string): string {
    if (!attachmentId) throw new MailSourceError('invalid_request', 'An attachment id is required.');
    return `${this.messagePath(id)}/attachments/${encodeURIComponent(attachmentId)}`;
  }

  private messagePath(id: string): string {
    if (!id) throw new MailSourceError('invalid_request', 'A message id is required.');
    return `${this.mailboxRoot}/messages/${encodeURIComponent(id)}`;
  }
}

/**
 * A nextLink is followed as given, but only to the configured Graph host over https: the link comes from a
 * response, and following it elsewhere would hand our bearer token to whoever named the host.
 */
export function checkNextLink(next: string, graphHost: string): string {
  let url: URL;
  try {
    url = new URL(next);
  } catch {
    throw new MailSourceError('invalid_request', 'The continuation is not a URL.');
  }
  if (url.protocol !== 'https:' || url.host.toLowerCase() !== graphHost.toLowerCase()) {
    throw new MailSourceError(
      'invalid_request',
      `Refusing to follow a nextLink to another host: ${url.host}`,
    );
  }
  return next;
}
