// Leases that work on FerretDB too, whose updates are not atomic: each generation of a lease is its own document
// and taking over means inserting generation N+1 — the unique _id lets exactly one contender win. Only the owner
// ever updates its generation (renewal), so updates never race. Expiry is judged by one clock, the database
// server's (an instance whose own clock runs fast must not think a live lease expired).
import type { Models } from './models/index.js';
import { isDuplicateKeyError } from './db.js';

/** The database server's current time (`hello.localTime`, which MongoDB and FerretDB both report). */
export function databaseClock(models: Models): () => Promise<Date> {
  return async () => {
    const hello = await models.Lease.db.db!.admin().command({ hello: 1 });
    const t = hello.localTime;
    if (!(t instanceof Date))
      throw new Error('the database server did not report its time (hello.localTime)');
    return t;
  };
}

export interface HeldLease {
  name: string;
  generation: number;
  owner: string;
  expiresAt: Date;
}

export class LeaseRepository {
  constructor(
    private readonly models: Models,
    private readonly clock: () => Promise<Date> = databaseClock(models),
  ) {}

  private async latest(name: string) {
    return this.models.Lease.findOne({ name }, { __v: 0 }).sort({ generation: -1 }).lean();
  }

  /**
   * Takes the lease if it is free or expired (or already ours); null if someone else holds it. `owner` must be
   * unique per process (instance id plus a random token): two processes configured alike never share a lease.
   */
  async acquire(name: string, owner: string, ttlMs: number): Promise<HeldLease | null> {
    const [current, now] = await Promise.all([this.latest(name), this.clock()]);
    if (current && current.owner === owner && current.expiresAt > now) {
      return this.renew({ name, generation: current.generation, owner, expiresAt: current.expiresAt }, ttlMs);
    }
    if (current && current.expiresAt > now) return null;
    const generation = (current?.generation ?? 0) + 1;
    const expiresAt = new Date(now.getTime() + ttlMs);
    try {
      await this.models.Lease.create({ _id: `${name}#${generation}`, name, generation, owner, expiresAt });
    } catch (err) {
      if (isDuplicateKeyError(err)) return null; // another instance took this generation first
      throw err;
    }
    // Old generations are history only; keep the previous one for diagnostics.
    await this.models.Lease.deleteMany({ name, generation: { $lt: generation - 1 } });
    return { name, generation, owner, expiresAt };
  }

  /** Extends our lease; null if it was lost (expired and taken over by another generation). */
  async renew(lease: HeldLease, ttlMs: number): Promise<HeldLease | null> {
    if (!(await this.stillHeld(lease))) return null;
    const expiresAt = new Date((await this.clock()).getTime() + ttlMs);
    await this.models.Lease.updateOne({ _id: `${lease.name}#${lease.generation}` }, { $set: { expiresAt } });
    // A contender may have inserted a newer generation between the check and the update.
    return (await this.stillHeld(lease)) ? { ...lease, expiresAt } : null;
  }

  async stillHeld(lease: HeldLease): Promise<boolean> {
    const current = await this.latest(lease.name);
    return current?.generation === lease.generation && current.owner === lease.owner;
  }

  async release(lease: HeldLease): Promise<void> {
    await this.models.Lease.updateOne(
      { _id: `${lease.name}#${lease.generation}`, owner: lease.owner },
      { $set: { expiresAt: await this.clock() } },
    );
  }
}
