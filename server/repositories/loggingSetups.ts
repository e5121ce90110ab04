// Email-logging setups, one per shared mailbox. Secrets stay sealed here; callers get "set"/"not set" unless
// they ask for the credentials explicitly (only the engine does).
import type { Models } from './models/index.js';
import type { LoggingSetupDoc } from './models/logging.js';

export type LoggingSetup = Omit<LoggingSetupDoc, 'createdAt' | 'updatedAt'>;

const PROJECTION = { _id: 0, __v: 0 } as const;

export class LoggingSetupRepository {
  constructor(private readonly models: Models) {}

  async get(mailbox: string): Promise<LoggingSetup | null> {
    return this.models.LoggingSetup.findOne({ mailbox }, PROJECTION).lean();
  }

  async list(): Promise<LoggingSetup[]> {
    return this.models.LoggingSetup.find({}, PROJECTION).lean();
  }

  async enabled(): Promise<LoggingSetup[]> {
    return this.models.LoggingSetup.find({ enabled: true }, PROJECTION).lean();
  }

  async upsert(mailbox: string, fields: Partial<LoggingSetup>): Promise<void> {
    await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { ...fields, mailbox } }, { upsert: true });
  }

  async setWatermark(mailbox: string, receivedFrom: Date | null): Promise<void> {
    await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { receivedFrom } });
  }

  /** Where the next run reads the Inbox from (null: a full round). */
  async setInboxCursor(mailbox: string, inboxCursor: LoggingSetupDoc['inboxCursor']): Promise<void> {
    await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { inboxCursor } });
  }

  /** The sealed MSAL token cache and its version (0 for a setup that never had one). */
  async tokenCache(mailbox: string): Promise<{ sealed: string | null; version: number } | null> {
    const s = await this.models.LoggingSetup.findOne(
      { mailbox },
      { tokenCacheSealed: 1, tokenCacheVersion: 1 },
    ).lean();
    return s && { sealed: s.tokenCacheSealed ?? null, version: s.tokenCacheVersion ?? 0 };
  }

  /**
   * Compare-and-set: saves the cache only over the version the caller loaded, so a run that refreshed its
   * tokens never overwrites what "Renew token" stored meanwhile. False when the version moved on.
   */
  async setTokenCache(mailbox: string, sealed: string, loadedVersion: number): Promise<boolean> {
    const versionFilter =
      loadedVersion === 0
        ? { $or: [{ tokenCacheVersion: 0 }, { tokenCacheVersion: { $exists: false } }] }
        : { tokenCacheVersion: loadedVersion };
    const r = await this.models.LoggingSetup.updateOne(
      { mailbox, ...versionFilter },
      { $set: { tokenCacheSealed: sealed, tokenCacheVersion: loadedVersion + 1 } },
    );
    return r.matchedCount === 1;
  }

  /** Replaces the token cache whatever its version (a new sign-in, or clearing it), with other fields. */
  async replaceTokenCache(
    mailbox: string,
    sealed: string | null,
    fields: Partial<LoggingSetup> = {},
  ): Promise<void> {
    await this.models.LoggingSetup.updateOne(
      { mailbox },
      { $set: { ...fields, mailbox, tokenCacheSealed: sealed }, $inc: { tokenCacheVersion: 1 } },
      { upsert: true },
    );
  }

  async requestRun(mailbox: string, at: Date): Promise<boolean> {
    const r = await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { runRequestedAt: at } });
    return r.matchedCount === 1;
  }

  async clearRunRequest(mailbox: string): Promise<void> {
    await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { runRequestedAt: null } });
  }

  async remove(mailbox: string): Promise<void> {
    await this.models.LoggingSetup.deleteOne({ mailbox });
  }
}
