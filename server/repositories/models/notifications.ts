// Change-notification subscriptions, one document per logging mailbox (_id = mailbox), written by _id only: on
// FerretDB updates are not atomic, and every writer here sets its own fields of one known document.
import { Schema } from 'mongoose';

export const PENDING_ACTIONS = ['reauthorize', 'recreate'] as const;
export type PendingAction = (typeof PENDING_ACTIONS)[number];

/** An IMAP mailbox's IDLE watch (server/notifications/imapIdle.ts), as the instance holding it last wrote. */
export const IDLE_STATES = ['connecting', 'active', 'unsupported', 'failing'] as const;
export type IdleState = (typeof IDLE_STATES)[number];

export interface IdleWatchDoc {
  state: IdleState;
  /** When the watch entered this state. */
  since: Date;
  /** Written while the watch's lease is held: an old heartbeat means nobody watches (the instance died). */
  heartbeatAt: Date;
  /** Why the last connection failed (a stable MailSourceError code); kept until the watch is active again. */
  lastError: { code: string; message: string; at: Date } | null;
  /** Failed connections in a row (the reconnect backoff). */
  failures: number;
}

export interface MailSubscriptionDoc {
  _id: string; // the mailbox
  /** Graph's subscription id; null until one is created (or after it was removed). */
  subscriptionId: string | null;
  /** The clientState Graph repeats in every notification, sealed (server/security/secretBox). */
  clientStateSealed: string | null;
  /** The endpoint base it was created for: a new PUBLIC_URL means a new subscription. */
  notificationUrl: string | null;
  expiresAt: Date | null;
  createdAt: Date | null;
  renewedAt: Date | null;
  /** What a lifecycle event asked for, done by whichever instance manages subscriptions next. */
  pending: PendingAction | null;
  /** Why the last create/renew failed (a stable code), and when to try again. */
  lastError: { code: string; message: string; at: Date } | null;
  failures: number;
  retryAt: Date | null;
  /** A valid notification (or a `missed` event) arrived: the mailbox is due unless a run started since. */
  notifiedAt: Date | null;
  counts: { notifications: number; rejected: number; lifecycle: number };
  /** IMAP mailboxes only: the IDLE watch that marks the mailbox due (notifiedAt) when mail arrives. */
  idle?: IdleWatchDoc | null;
}

const errorSchema = () =>
  new Schema({ code: String, message: String, at: Date }, { _id: false, strict: 'throw' });

const idleWatchSchema = new Schema<IdleWatchDoc>(
  {
    state: { type: String, enum: IDLE_STATES, required: true },
    since: { type: Date, required: true },
    heartbeatAt: { type: Date, required: true },
    lastError: { type: errorSchema(), default: null },
    failures: { type: Number, default: 0 },
  },
  { _id: false, strict: 'throw' },
);

export const mailSubscriptionSchema = new Schema<MailSubscriptionDoc>(
  {
    _id: { type: String, required: true },
    subscriptionId: { type: String, default: null },
    clientStateSealed: { type: String, default: null },
    notificationUrl: { type: String, default: null },
    expiresAt: { type: Date, default: null },
    createdAt: { type: Date, default: null },
    renewedAt: { type: Date, default: null },
    pending: { type: String, enum: [...PENDING_ACTIONS, null], default: null },
    lastError: {
      type: new Schema({ code: String, message: String, at: Date }, { _id: false, strict: 'throw' }),
      default: null,
    },
    failures: { type: Number, default: 0 },
    retryAt: { type: Date, default: null },
    notifiedAt: { type: Date, default: null },
    counts: {
      notifications: { type: Number, default: 0 },
      rejected: { type: Number, default: 0 },
      lifecycle: { type: Number, default: 0 },
    },
    idle: { type: idleWatchSchema, default: null },
  },
  { strict: 'throw', versionKey: false },
);
// Notifications name their subscription, not the mailbox.
mailSubscriptionSchema.index({ subscriptionId: 1 });
