// The only view the logging engine has of a mailbox. Adapters (graph/, later imap/) implement it and translate
// every provider error into a MailSourceError with a stable code; the factory picks the adapter.

export interface MailAddress {
  /** As the provider gave it; may be empty or invalid (the classifier decides what that means). */
  address: string | null;
  name: string | null;
}

export interface MailMessage {
  /** Provider id; for Graph an immutable id, so it survives moves inside the mailbox. */
  id: string;
  internetMessageId: string | null;
  conversationId: string | null;
  isDraft: boolean;
  subject: string | null;
  /** ISO 8601 UTC timestamps as the provider reports them. */
  sentDateTime: string | null;
  receivedDateTime: string | null;
  webLink: string | null;
  sender: MailAddress | null;
  from: MailAddress | null;
  toRecipients: MailAddress[];
  ccRecipients: MailAddress[];
  /** Folder the message is in now (provider id). */
  parentFolderId: string | null;
  /**
   * The sender's sensitivity mark (Graph: normal, personal, private, confidential); absent or null when the
   * source does not say (the add-in's view of a message has none).
   */
  sensitivity?: string | null;
}

export interface InboxQuery {
  /** Only messages received at or after this instant (ISO), oldest first. */
  receivedFrom: string | null;
  pageSize: number;
}

export interface MessagePage {
  messages: MailMessage[];
  /** Opaque continuation (for Graph the whole @odata.nextLink); null on the last page. */
  next: string | null;
}

/** One page of a round of the Inbox's changes (Graph: messages/delta). */
export interface ChangePage {
  /** Messages that arrived, came back or changed in the Inbox (those that left it are not reported). */
  messages: MailMessage[];
  /** More pages in this round: pass it back as the cursor. */
  next: string | null;
  /** The round is complete: keep it, and pass it back later for what changed since. */
  done: string | null;
}

export interface MailFolder {
  id: string;
  displayName: string;
  /** Items in the folder and their size, when the provider says (archive capacity and rollover). */
  itemCount?: number | null;
  sizeBytes?: number | null;
}

/** An attachment as a logged mail's viewer lists it (no content: that is fetched on download). */
export interface MailAttachmentInfo {
  /** The provider's id (Graph: the attachment id; IMAP: its position among the message's attachments). */
  id: string;
  name: string;
  contentType: string;
  /** Bytes, as the provider reports them. */
  size: number;
  /** Shown inside the body (an embedded image), not as a file of its own. */
  isInline: boolean;
  /** `file`: bytes; `item`: an attached Outlook item (a mail, contact or event), downloaded as MIME, vCard or
   *  iCalendar; `link`: a link to a file in the cloud (Graph's referenceAttachment), which has no bytes here. */
  kind: MailAttachmentKind;
}

export type MailAttachmentKind = 'file' | 'item' | 'link';

/** A message with what a person reads: headers, bodies and the attachments' metadata (viewing logged mail). */
export interface MailContent {
  /** Where the message is now (a healed link's id differs from the one asked for). */
  id: string;
  internetMessageId: string | null;
  subject: string | null;
  from: MailAddress | null;
  toRecipients: MailAddress[];
  ccRecipients: MailAddress[];
  /** ISO 8601; the Date header (IMAP) or sentDateTime (Graph), else when it arrived. */
  sentDateTime: string | null;
  /** The bodies as the sender wrote them, not sanitized: HTML must be cleaned before anyone sees it. */
  text: string | null;
  html: string | null;
  attachments: MailAttachmentInfo[];
}

/** One attachment's bytes, for a download. */
export interface MailAttachmentContent {
  name: string;
  contentType: string;
  content: Buffer;
}

/** A change to one message, for `applyMany`. */
export type MailOperation =
  { kind: 'move'; id: string; destination: string } | { kind: 'delete'; id: string };

/** What became of one operation: the message after a move (null after a delete), or why it failed. */
export type MailOperationResult =
  { ok: true; message: MailMessage | null } | { ok: false; error: MailSourceError };

/** What Interlog asks of a change-notification subscription on the Inbox (Graph: basic `created` notifications). */
export interface InboxSubscriptionRequest {
  /** Where the provider POSTs change notifications (https, reachable by the provider). */
  notificationUrl: string;
  /** Where it POSTs lifecycle events (reauthorization required, subscription removed, missed). */
  lifecycleNotificationUrl: string;
  /** A secret the provider repeats in every notification, so forged ones can be told apart. */
  clientState: string;
  expiresAt: Date;
}

export interface InboxSubscription {
  id: string;
  /** When the provider will drop it unless renewed. */
  expiresAt: Date;
}

/**
 * Change notifications for a mailbox's Inbox. Every call fails only with a MailSourceError; `not_found` means the
 * subscription no longer exists, `endpoint_unreachable` that the provider could not validate our endpoints.
 */
export interface MailSubscriptions {
  subscribeInbox(request: InboxSubscriptionRequest): Promise<InboxSubscription>;
  renew(id: string, expiresAt: Date): Promise<InboxSubscription>;
  /** Answers a "reauthorization required" event: the provider checks our access again. */
  reauthorize(id: string): Promise<void>;
  /** Missing is not an error. */
  unsubscribe(id: string): Promise<void>;
}

export interface MailSource {
  /** Change notifications, for providers that have them (absent: polling only). */
  subscriptions?: MailSubscriptions;
  /** First page of the Inbox for a query, oldest first. */
  listInbox(query: InboxQuery): Promise<MessagePage>;
  /** The page a previous call's `next` points to, followed as given. */
  listNext(next: string): Promise<MessagePage>;
  /**
   * The Inbox's changes from a cursor kept from an earlier page (its `next` or `done`), or every message in it
   * (null: a full round). A cursor the provider no longer knows fails with `sync_reset`: start over with null.
   */
  readInbox(cursor: string | null, pageSize: number): Promise<ChangePage>;
  /** The message wherever it is now in the mailbox, or null if it no longer exists. */
  getMessage(id: string): Promise<MailMessage | null>;
  /**
   * A message of the mailbox with this Internet Message-ID (exact), wherever it is, or null: how a link whose id
   * no longer answers is healed (Graph: an immutable id changes when the item moves to the archive mailbox).
   * When several copies exist, the provider's first.
   */
  findByInternetMessageId(internetMessageId: string): Promise<MailMessage | null>;
  /**
   * The message's headers, bodies and attachment list (Graph: the message with its body and its attachments'
   * metadata; IMAP: the source fetched by UID and parsed), found as `getMessage` finds it; null if it no longer
   * exists.
   */
  getMessageContent(id: string): Promise<MailContent | null>;
  /**
   * One attachment of a message (an id from `getMessageContent`): its bytes; 'link' for a link to a cloud file
   * (nothing to download); null if the message or the attachment is gone.
   */
  getAttachment(messageId: string, attachmentId: string): Promise<MailAttachmentContent | 'link' | null>;
  /** Moves a message to a folder (id or well-known name) and returns it as it is after the move. */
  move(id: string, destination: string): Promise<MailMessage>;
  /** Deletes a message (moves it to Deleted Items, as Outlook does). Missing is not an error. */
  delete(id: string): Promise<void>;
  /**
   * Many moves and deletes at once, with the same meaning as `move` and `delete` one by one (a delete of a
   * missing message succeeds), but fewer round trips (Graph: JSON batches of 20). One result per operation, in
   * order; it never rejects: a failure of the whole call is every operation's failure.
   */
  applyMany(operations: MailOperation[]): Promise<MailOperationResult[]>;
  /**
   * The SMTP address the directory has for an Exchange legacy DN (X.500 address): the user with that DN among
   * its X500 proxy addresses, else the one whose mail alias the DN names; null when none or several match.
   */
  resolveLegacyDn(dn: string): Promise<string | null>;
  /** Resolves a well-known folder name, a folder id, or a top-level display name (created if `create`). */
  resolveFolder(nameOrId: string, opts?: { create?: boolean }): Promise<MailFolder>;
  /** A child folder by display name (created if `create`), e.g. the archive folder's "2027". */
  resolveSubfolder(parentId: string, displayName: string, opts?: { create?: boolean }): Promise<MailFolder>;
  /**
   * Lets go of what the source holds open (IMAP: its connection); the next call opens it again. Absent where
   * nothing is held (Graph's HTTP requests). A run calls it when it ends.
   */
  close?(): Promise<void>;
  /**
   * Push over a connection held open (IMAP IDLE), where the provider has it: `onMail` when new mail arrives in
   * the Inbox. Resolves 'unsupported' when the server offers none, 'stopped' once `signal` aborts; a connection
   * that fails or drops rejects (MailSourceError), and the caller connects again.
   */
  watchInbox?(events: InboxWatchEvents, signal: AbortSignal): Promise<'unsupported' | 'stopped'>;
}

/** What a live watch of the Inbox reports (MailSource.watchInbox). */
export interface InboxWatchEvents {
  /** The watch is in place: mail from now on is announced. */
  onWatching(): void;
  /** New mail arrived: a hint, the next run reads it. */
  onMail(): void;
}

export const MAIL_SOURCE_ERROR_CODES = [
  'auth_failed', // token could not be obtained: wrong secret, consent missing, revoked
  'access_denied', // token fine, mailbox refused (access policy, RBAC for applications, not a member)
  'mailbox_not_found',
  'not_licensed', // mailbox not enabled for REST (MailboxNotEnabledForRESTAPI)
  'throttled', // still throttled after the retries
  'transient', // 5xx, network, timeouts after the retries
  'invalid_request', // our request was wrong (4xx other than the above)
  'not_found', // the item or folder does not exist
  'sync_reset', // a change-tracking cursor expired: read everything again (Graph 410 SyncStateNotFound)
  'endpoint_unreachable', // the provider could not validate our change-notification endpoint (PUBLIC_URL)
  'too_large', // the message is larger than Interlog reads in one piece (the viewer's MAX_VIEWED_SOURCE_BYTES)
] as const;
export type MailSourceErrorCode = (typeof MAIL_SOURCE_ERROR_CODES)[number];

export class MailSourceError extends Error {
  constructor(
    readonly code: MailSourceErrorCode,
    message: string,
    /** Provider's own error code (Graph `error.code`), kept for diagnostics. */
    readonly providerCode?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'MailSourceError';
  }
}
