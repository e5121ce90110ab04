// The loop's ledger of messages it could not finish: failing ones (retried by id, quarantined after a few
// attempts) and quarantined ones (shown to admins with their reason).
import type { Models } from './models/index.js';
import type { MessageStateDoc } from './models/logging.js';

export type MessageState = MessageStateDoc;

export class MessageStateRepository {
  constructor(private readonly models: Models) {}

  private id(mailbox: string, messageId: string): string {
    return `${mailbox}#${messageId}`;
  }

  /** Records a failed attempt and returns how many attempts have failed so far. */
  async recordFailure(
    s: Pick<MessageState, 'mailbox' | 'messageId' | 'internetMessageId' | 'subject' | 'reason' | 'code'>,
    now: Date,
  ): Promise<number> {
    const _id = this.id(s.mailbox, s.messageId);
    const prev = await this.models.MessageState.findOne({ _id }, { attempts: 1 }).lean();
    const attempts = (prev?.attempts ?? 0) + 1;
    await this.models.MessageState.updateOne(
      { _id },
      { $set: { ...s, state: 'failing', attempts, inInbox: false, updatedAt: now } },
      { upsert: true },
    );
    return attempts;
  }

  /** `inInbox`: the message could not be moved to the quarantine folder and stays where it is. */
  async markQuarantined(
    s: Pick<MessageState, 'mailbox' | 'messageId' | 'internetMessageId' | 'subject' | 'reason' | 'code'>,
    now: Date,
    inInbox = false,
  ): Promise<void> {
    await this.models.MessageState.updateOne(
      { _id: this.id(s.mailbox, s.messageId) },
      { $set: { ...s, state: 'quarantined', inInbox, updatedAt: now }, $setOnInsert: { attempts: 0 } },
      { upsert: true },
    );
  }

  /** Ids of messages quarantined in the Inbox (a run skips them when it reads the Inbox again). */
  async quarantinedInInbox(mailbox: string, limit: number): Promise<string[]> {
    const rows = await this.models.MessageState.find(
      { mailbox, state: 'quarantined', inInbox: true },
      { messageId: 1 },
    )
      .limit(limit)
      .lean();
    return rows.map((r) => r.messageId);
  }

  async markKept(
    s: Pick<MessageState, 'mailbox' | 'messageId' | 'internetMessageId' | 'subject' | 'reason' | 'code'>,
    now: Date,
  ): Promise<void> {
    await this.models.MessageState.updateOne(
      { _id: this.id(s.mailbox, s.messageId) },
      { $set: { ...s, state: 'kept', attempts: 0, inInbox: true, updatedAt: now } },
      { upsert: true },
    );
  }

  /**
   * The directory changed: every kept message of the mailbox goes back to the retry ledger, so the next run
   * classifies it again (logged if its sender or recipients are known now, kept again if not).
   */
  async requeueKept(mailbox: string, now: Date): Promise<number> {
    const r = await this.models.MessageState.updateMany(
      { mailbox, state: 'kept' },
      {
        $set: {
          state: 'failing',
          attempts: 0,
          code: 'directory_changed',
          reason: 'The directory changed: processed again.',
          updatedAt: now,
        },
      },
    );
    return r.modifiedCount;
  }

  /** Clears a failing message's ledger entry (it succeeded); a state it moved on to (kept, quarantined) stays. */
  async clearFailing(mailbox: string, messageId: string): Promise<void> {
    await this.models.MessageState.deleteOne({ _id: this.id(mailbox, messageId), state: 'failing' });
  }

  async get(mailbox: string, messageId: string): Promise<MessageState | null> {
    return this.models.MessageState.findById(this.id(mailbox, messageId), { __v: 0 }).lean();
  }

  /**
   * Released from quarantine: back to the retry ledger with no attempts, so the next run processes the message
   * by id (wherever the watermark is), and who released it is kept.
   */
  async release(mailbox: string, messageId: string, by: string, now: Date): Promise<void> {
    await this.models.MessageState.updateOne(
      { _id: this.id(mailbox, messageId) },
      {
        $set: {
          state: 'failing',
          attempts: 0,
          inInbox: false,
          code: 'released',
          reason: `Released from quarantine by ${by}; processed again by the next run.`,
          releasedBy: by,
          releasedAt: now,
          updatedAt: now,
        },
      },
    );
  }

  async clear(mailbox: string, messageId: string): Promise<void> {
    await this.models.MessageState.deleteOne({ _id: this.id(mailbox, messageId) });
  }

  async list(mailbox: string, state: MessageState['state'], limit: number): Promise<MessageState[]> {
    return this.models.MessageState.find({ mailbox, state }, { __v: 0 })
      .sort({ updatedAt: -1 })
      .limit(limit)
      .lean();
  }
}
