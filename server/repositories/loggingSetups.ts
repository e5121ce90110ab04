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

  async setTokenCache(mailbox: string, sealed: string): Promise<void> {
    await this.models.LoggingSetup.updateOne({ mailbox }, { $set: { tokenCacheSealed: sealed } });
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
