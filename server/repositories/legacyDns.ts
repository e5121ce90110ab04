// Exchange X.500 addresses the directory resolved (or did not), so each is looked up in Graph once per expiry
// rather than once per message (models/logging.ts LegacyDnDoc).
import { legacyDnKey } from '../domain/legacyDn.js';
import type { Models } from './models/index.js';

export class LegacyDnRepository {
  constructor(private readonly models: Models) {}

  /** The cached answer (an address, or null for "not in the directory"), or undefined when none is current. */
  async get(dn: string, now: Date): Promise<string | null | undefined> {
    const doc = await this.models.LegacyDn.findById(legacyDnKey(dn)).lean();
    return doc && doc.expiresAt > now ? (doc.address ?? null) : undefined;
  }

  async put(dn: string, address: string | null, now: Date, ttlMs: number): Promise<void> {
    await this.models.LegacyDn.updateOne(
      { _id: legacyDnKey(dn) },
      { $set: { address, resolvedAt: now, expiresAt: new Date(now.getTime() + ttlMs) } },
      { upsert: true },
    );
  }

  /** Forgets every cached answer (an admin changed a salesperson's X.500 addresses). */
  async clear(): Promise<void> {
    await this.models.LegacyDn.deleteMany({});
  }
}
