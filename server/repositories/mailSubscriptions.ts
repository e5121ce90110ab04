// Change-notification subscriptions per logging mailbox. Every write names the document by _id and sets only its
// own fields (FerretDB updates are not atomic, so nothing here reads-modifies-writes a shared field); the
// clientState stays sealed: callers open it with the secret box when they verify a notification.
import type { Models } from './models/index.js';
import type { IdleWatchDoc, MailSubscriptionDoc, PendingAction } from './models/notifications.js';

export type MailSubscription = Omit<MailSubscriptionDoc, '_id'> & { mailbox: string };
export type { IdleState, IdleWatchDoc, PendingAction } from './models/notifications.js';

const toRecord = (d: MailSubscriptionDoc): MailSubscription => {
  const { _id, ...rest } = d;
  return { mailbox: _id, ...rest };
};

export class MailSubscriptionRepository {
  constructor(private readonly models: Models) {}

  async get(mailbox: string): Promise<MailSubscription | null> {
    const d = await this.models.MailSubscription.findOne({ _id: mailbox }).lean();
    return d ? toRecord(d) : null;
  }

  async list(): Promise<MailSubscription[]> {
    return (await this.models.MailSubscription.find({}).lean()).map(toRecord);
  }

  /** The mailbox a notification's subscription id belongs to, with its sealed clientState. */
  async bySubscriptionId(
    subscriptionId: string,
  ): Promise<{ mailbox: string; clientStateSealed: string | null } | null> {
    const d = await this.models.MailSubscription.findOne(
      { subscriptionId },
      { _id: 1, clientStateSealed: 1 },
    ).lean();
    return d ? { mailbox: d._id, clientStateSealed: d.clientStateSealed ?? null } : null;
  }

  private async set(mailbox: string, fields: Partial<MailSubscriptionDoc>): Promise<void> {
    await this.models.MailSubscription.updateOne({ _id: mailbox }, { $set: fields }, { upsert: true });
  }

  async saveCreated(
    mailbox: string,
    s: {
      subscriptionId: string;
      clientStateSealed: string;
      notificationUrl: string;
      expiresAt: Date;
      at: Date;
    },
  ): Promise<void> {
    await this.set(mailbox, {
      subscriptionId: s.subscriptionId,
      clientStateSealed: s.clientStateSealed,
      notificationUrl: s.notificationUrl,
      expiresAt: s.expiresAt,
      createdAt: s.at,
      renewedAt: null,
      pending: null,
      lastError: null,
      failures: 0,
      retryAt: null,
    });
  }

  async saveRenewed(mailbox: string, expiresAt: Date, at: Date): Promise<void> {
    await this.set(mailbox, {
      expiresAt,
      renewedAt: at,
      pending: null,
      lastError: null,
      failures: 0,
      retryAt: null,
    });
  }

  async setPending(mailbox: string, pending: PendingAction | null): Promise<void> {
    await this.set(mailbox, { pending });
  }

  async saveFailure(
    mailbox: string,
    error: { code: string; message: string; at: Date },
    failures: number,
    retryAt: Date,
  ): Promise<void> {
    await this.set(mailbox, { lastError: error, failures, retryAt });
  }

  /** The subscription is gone at Graph (removed, expired, deleted by us): keep the counters, drop the rest. */
  async forgetSubscription(mailbox: string): Promise<void> {
    await this.set(mailbox, { subscriptionId: null, clientStateSealed: null, expiresAt: null });
  }

  async markNotified(mailbox: string, at: Date): Promise<void> {
    await this.set(mailbox, { notifiedAt: at });
  }

  async count(mailbox: string, counter: keyof MailSubscriptionDoc['counts'], by: number): Promise<void> {
    await this.models.MailSubscription.updateOne({ _id: mailbox }, { $inc: { [`counts.${counter}`]: by } });
  }

  /** The IDLE watch's new state (written by the instance holding the mailbox's `idle:` lease). */
  async setIdle(mailbox: string, idle: IdleWatchDoc): Promise<void> {
    await this.set(mailbox, { idle });
  }

  /** The watch is still held: its state stays current for Job status. */
  async idleHeartbeat(mailbox: string, at: Date): Promise<void> {
    // Called only after setIdle: the field is there to set.
    await this.models.MailSubscription.updateOne({ _id: mailbox }, { $set: { 'idle.heartbeatAt': at } });
  }

  async remove(mailbox: string): Promise<void> {
    await this.models.MailSubscription.deleteOne({ _id: mailbox });
  }
}
