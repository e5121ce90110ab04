// Public shapes of the Graph + Entra ID emulator: start options, seed data (the JSON fixtures use the same
// shapes) and the handle returned to tests. Kept apart from the implementation so callers can import types only.

export interface EmailAddressSeed {
  address: string | null;
  name?: string | null;
}

/** One message as a fixture or `addMessage` gives it; every field is optional, ids are generated. */
export interface MessageSeed {
  /** Well-known name (inbox, archive, ...) or display name of a top-level folder; default inbox. */
  folder?: string;
  subject?: string | null;
  /** `null` = no sender at all (as for some system-generated mail); omitted = the mailbox itself. */
  from?: EmailAddressSeed | null;
  /** Defaults to `from` (they differ only for send-on-behalf). */
  sender?: EmailAddressSeed | null;
  toRecipients?: EmailAddressSeed[];
  ccRecipients?: EmailAddressSeed[];
  bccRecipients?: EmailAddressSeed[];
  replyTo?: EmailAddressSeed[];
  /** ISO 8601; default: the emulator clock at insertion. */
  receivedDateTime?: string;
  sentDateTime?: string | null;
  internetMessageId?: string | null;
  conversationId?: string;
  isDraft?: boolean;
  isRead?: boolean;
  hasAttachments?: boolean;
  importance?: 'low' | 'normal' | 'high';
  /** The sender's mark (Outlook: Normal, Personal, Private, Confidential); default normal. */
  sensitivity?: 'normal' | 'personal' | 'private' | 'confidential';
  categories?: string[];
  body?: { contentType: 'text' | 'html'; content: string };
  /** Files attached to it (Graph fileAttachments); `hasAttachments` then defaults to any that is not inline. */
  attachments?: AttachmentSeed[];
}

/**
 * One attachment: a fileAttachment by default, its bytes as base64 (`contentBytes`, as Graph shows them) or as
 * text; `item` an attached Outlook item (Graph: itemAttachment, no contentType, its `$value` the item's MIME,
 * vCard or iCalendar text given as `text`); `reference` a link to a file in the cloud (referenceAttachment, no
 * bytes: its `$value` answers 405).
 */
export interface AttachmentSeed {
  kind?: 'file' | 'item' | 'reference';
  name: string;
  contentType?: string;
  contentBytes?: string;
  text?: string;
  /** An image shown inside the HTML body (referenced by `cid:<contentId>`). Default false. */
  isInline?: boolean;
  contentId?: string | null;
}

export interface FolderSeed {
  displayName: string;
  /** Parent folder (well-known name or display name of a top-level folder); default: the root. */
  parent?: string;
  isHidden?: boolean;
}

export type MailboxState = 'ok' | 'accessDenied' | 'notLicensed';

export interface MailboxSeed {
  /** SMTP address / UPN of the mailbox, e.g. logging@contoso.example. */
  address: string;
  displayName?: string;
  /** Directory object id (GUID); generated when omitted. */
  id?: string;
  state?: MailboxState;
  folders?: FolderSeed[];
  messages?: MessageSeed[];
}

/** The content of a `test/fixtures/graph/*.json` file. */
export interface GraphFixture {
  description?: string;
  mailboxes: MailboxSeed[];
}

export interface ClientRegistration {
  clientId: string;
  /** Client secret; a confidential client needs this or `certificatePem`. */
  clientSecret?: string;
  /** PEM certificate whose key signs `client_assertion` JWTs (MSAL's certificate credential). */
  certificatePem?: string;
  /** Application permissions granted by admin consent; default ['Mail.ReadWrite']. */
  roles?: string[];
  /** Whether users/admin consented to the delegated permissions; false -> AADSTS65001. Default true. */
  consented?: boolean;
}

export interface UserRegistration {
  /** Sign-in name (UPN), also the user's own mailbox address. */
  username: string;
  oid: string;
  name: string;
  /** Shared mailboxes the user has full access to (delegated calls); default: every mailbox. */
  mailboxAccess?: string[];
}

/** A user of the tenant's directory as GET /users shows it (for X.500 address resolution). */
export interface DirectoryUserSeed {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  /** The mail alias; Exchange Online's legacy DN ends in /cn=<32 hex>-<alias>. */
  mailNickname?: string | null;
  /** e.g. ["SMTP:peter@contoso.example", "X500:/o=ExchangeLabs/ou=.../cn=Recipients/cn=..."] */
  proxyAddresses?: string[];
}

export interface GraphLimits {
  /** Requests per app and mailbox per 10-minute window; default 10,000. */
  requestsPer10Min?: number;
  /** Requests in flight per app and mailbox; default 4. */
  concurrent?: number;
  /** Time runs this many times faster for the limits (60: the 10-minute window lasts 10 s). Default 1. */
  timeScale?: number;
  /** Retry-After (unscaled seconds) sent with a MailboxConcurrency 429; default 1. */
  concurrencyRetryAfterSeconds?: number;
}

/**
 * '404': ErrorItemNotFound without doing anything; '404-after': the request is carried out, then answered with
 * ErrorItemNotFound (as a move into an In-Place Archive can answer although the item moved).
 */
export type FaultKind = '429' | '503' | '504' | '404' | '404-after' | 'reset' | 'latency';

export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Tested against the request path including `/v1.0` (batch parts too); any when omitted. */
  pathPattern?: RegExp;
  kind: FaultKind;
  retryAfterSeconds?: number;
  latencyMs?: number;
  /** Chance (0..1) that a matching request is hit, drawn from the seeded PRNG; default 1. */
  probability?: number;
  /** How many times the rule fires before it retires; default unlimited. */
  times?: number;
  /** Overrides the Graph error code / message of a 429/503/504 fault. */
  code?: string;
  message?: string;
}

export interface GraphEmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** PEM cert and key; default: the files named by INTERLOG_DEV_CERT / INTERLOG_DEV_KEY. */
  tls?: { cert: string; key: string };
  tenantId?: string;
  clients?: ClientRegistration[];
  users?: UserRegistration[];
  mailboxes?: MailboxSeed[];
  limits?: GraphLimits;
  /** Enforce the Outlook limits with 429s (default true); stats are kept either way. */
  enforceLimits?: boolean;
  /** Seed of the PRNG behind fault probabilities and generated GUIDs; default 1. */
  seed?: number;
  /** Delay added to every Graph request while it holds its concurrency slot. */
  latencyMs?: number;
  /** Access and ID token lifetime in seconds; default 3600. */
  tokenLifetimeSeconds?: number;
  /** Clock in epoch milliseconds (tokens, limits, default receivedDateTime); default Date.now. */
  now?: () => number;
}

export interface GraphStats {
  /** Graph operations answered: plain requests plus each $batch part (the $batch envelope is not one). */
  total: number;
  /** HTTP requests to /v1.0, $batch envelopes included. */
  httpRequests: number;
  /** Token endpoint calls, by grant type. */
  tokenRequests: Record<string, number>;
  byMailbox: Record<string, number>;
  byStatus: Record<string, number>;
  /** 429 responses with code ApplicationThrottled (limits only; injected faults are counted by status). */
  throttled: number;
  throttledConcurrency: number;
  throttledBudget: number;
  /** Highest number of simultaneous requests seen arriving per mailbox (a rejected one included). */
  maxConcurrentByMailbox: Record<string, number>;
  /** Graph requests currently between arrival and response. */
  inFlight: number;
  /** Mailbox requests whose token passed, by who the token speaks for: `user:<upn>` (delegated) or `app:<client id>`. */
  byPrincipal: Record<string, number>;
  reset(): void;
}

export interface FaultControl {
  /** Adds a rule; returns its id for `remove`. Rules are tried in the order added. */
  add(rule: FaultRule): number;
  remove(id: number): void;
  clear(): void;
  /** Rules still active (a rule with `times` retires after firing that often). */
  list(): FaultRule[];
}

/** A message as Graph shows it (regular ids), for assertions in tests. */
export type GraphMessageJson = Record<string, unknown> & { id: string };

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

/** A change-notification subscription as the emulator holds it (clientState included, for assertions). */
export interface SubscriptionSnapshot {
  id: string;
  resource: string;
  changeType: string;
  applicationId: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: string;
  /** A reauthorizationRequired event was sent and neither reauthorize nor a renewal answered it yet. */
  reauthorizationRequired: boolean;
}

/** Test hooks of the change notifications (see README: Subscriptions). */
export interface SubscriptionControl {
  /** Live subscriptions (expired ones are gone). */
  list(): SubscriptionSnapshot[];
  /**
   * POSTs a lifecycle notification to the subscription's lifecycleNotificationUrl; resolves true once it was
   * answered 2xx (false without a lifecycle URL, or when dropped). subscriptionRemoved removes the subscription
   * first; reauthorizationRequired holds its change notifications (dropped) until reauthorize or a renewal.
   */
  fireLifecycle(id: string, event: LifecycleEvent): Promise<boolean>;
  /** Moves the subscriptions' clock (expiry) forward; tokens and limits keep the emulator clock. */
  advanceClock(ms: number): void;
  /** The subscriptions' clock, epoch ms. */
  clock(): number;
  /** false: change notifications are dropped (counted), as when Graph fails to send them. */
  setDelivery(on: boolean): void;
  /** Every HTTP exchange with subscriber endpoints, oldest first. */
  deliveries: Array<{
    kind: 'validation' | 'change' | 'lifecycle';
    url: string;
    status: number;
    ms: number;
    at: number;
    count: number;
  }>;
  stats: {
    created: number;
    renewed: number;
    reauthorized: number;
    deleted: number;
    expired: number;
    validationsFailed: number;
    /** Change notifications answered 2xx / dropped (not delivered, or delivery off). */
    delivered: number;
    dropped: number;
    /** Change notifications queued or being delivered (retries included): 0 when Graph has nothing left to say. */
    pending: number;
  };
}

export interface GraphEmulator {
  baseUrl: string;
  authority: string;
  knownAuthority: string;
  tenantId: string;
  stats: GraphStats;
  faults: FaultControl;
  addMailbox(seed: MailboxSeed): void;
  /** Adds a message; returns it as Graph shows it with `Prefer: IdType="ImmutableId"`. */
  addMessage(mailbox: string, folder: string, msg: MessageSeed): GraphMessageJson;
  /** Messages of a folder (well-known name, id or top-level display name), newest first, immutable ids. */
  listFolder(mailbox: string, folder: string): GraphMessageJson[];
  /** Deletes a top-level folder (display name or id) and its mail for good (deleted, Deleted Items emptied). */
  removeFolder(mailbox: string, folder: string): void;
  /** A message by regular or immutable id, with immutable ids; null when it no longer exists. */
  getMessage(mailbox: string, id: string): GraphMessageJson | null;
  /** Reads a fixture file (path absolute or relative to test/fixtures/graph) and seeds its mailboxes. */
  loadFixture(path: string): void;
  revokeClientSecret(clientId: string): void;
  setConsent(clientId: string, consented: boolean): void;
  /** Adds a user to the tenant's directory (GET /users), e.g. a salesperson with X500 proxy addresses. */
  addDirectoryUser(user: DirectoryUserSeed): void;
  /** Registers a user who can sign in (delegated); they get their own empty mailbox, as with `users`. */
  addUser(user: UserRegistration): void;
  /** Every access token issued so far answers 401 "Lifetime validation failed"; refresh tokens still work. */
  expireAllTokens(): void;
  /** Every delta state token (nextLink, deltaLink) issued so far answers 410 SyncStateNotFound. */
  expireDeltaTokens(): void;
  /** Moves a message (any id) to a folder (well-known name, id or top-level display name), as a user would. */
  moveMessage(mailbox: string, id: string, folder: string): GraphMessageJson;
  /**
   * Moves a message (any id) into the archive mailbox (In-Place Archive), folder `folder` (default Inbox), as an
   * archive policy or a user would: it gets new immutable and regular ids (the old ones answer 404) and a new
   * webLink, and stays findable by `$filter=internetMessageId eq '...'` on /messages (see archive-mailbox.ts).
   */
  moveToArchiveMailbox(mailbox: string, id: string, folder?: string): GraphMessageJson;
  setMailboxState(mailbox: string, state: MailboxState): void;
  /** Holds Graph requests that passed the limits until the returned function is called (deterministic tests). */
  holdRequests(): () => void;
  /** Resolves once `predicate(stats)` holds (checked on every stats change; no polling). */
  waitForStats(predicate: (stats: GraphStats) => boolean): Promise<void>;
  /** Change-notification subscriptions: state and test hooks. */
  subscriptions: SubscriptionControl;
  close(): Promise<void>;
}
