// Delegated sign-ins under way, keyed by the hash of their single-use state (see models/logging.ts).
import type { Models } from './models/index.js';
import type { ConsentRequestDoc } from './models/logging.js';

export type ConsentRequest = ConsentRequestDoc;

export class ConsentRequestRepository {
  constructor(private readonly models: Models) {}

  async create(request: ConsentRequest): Promise<void> {
    await this.models.ConsentRequest.create(request);
  }

  /** Reads a request without using it up (the callback checks the browser before it takes the request). */
  async peek(stateHash: string): Promise<ConsentRequest | null> {
    return this.models.ConsentRequest.findById(stateHash).lean();
  }

  /**
   * Takes the request out: only the caller whose deleteOne removed it gets it, so a replayed or concurrent
   * callback with the same state gets null. Expiry is the caller's to check (there is no TTL index).
   */
  async take(stateHash: string): Promise<ConsentRequest | null> {
    const found = await this.models.ConsentRequest.findById(stateHash).lean();
    if (!found) return null;
    const removed = await this.models.ConsentRequest.deleteOne({ _id: stateHash });
    return removed.deletedCount === 1 ? found : null;
  }

  /** Removes abandoned requests past their expiry (FerretDB has no TTL indexes to do it). */
  async removeExpired(now: Date): Promise<number> {
    return (await this.models.ConsentRequest.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
