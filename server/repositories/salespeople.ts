// Salespeople for the API: lists, look-ups by code or address, and admin edits. (The logging loop reads them
// through MasterDataRepository.directorySnapshot.)
import type { Models } from './models/index.js';
import type { Salesperson } from './masterData.js';
import { isDuplicateKeyError } from './db.js';

const FIELDS = {
  _id: 0,
  code: 1,
  name: 1,
  email: 1,
  active: 1,
  x500Addresses: 1,
  entraTenantId: 1,
  entraObjectId: 1,
  pendingSignIn: 1,
} as const;
export const MAX_SALESPEOPLE_LISTED = 500;
/** How long the task pane's salesperson names may lag behind an edit made through another instance (this
 *  instance's own edits, through any SalespersonRepository of its connection, are seen at once). */
export const SALESPEOPLE_CACHE_MS = 10_000;

/** Every salesperson by code, read at most once per SALESPEOPLE_CACHE_MS per connection (a few thousand at most:
 *  one small read instead of one per lookup). */
class SalespersonCache {
  private cached: { at: number; byCode: Promise<Map<string, Salesperson>> } | null = null;

  constructor(private readonly models: Models) {}

  all(): Promise<Map<string, Salesperson>> {
    if (!this.cached || Date.now() - this.cached.at >= SALESPEOPLE_CACHE_MS) {
      const cached = {
        at: Date.now(),
        byCode: this.models.Salesperson.find({}, FIELDS)
          .lean<Salesperson[]>()
          .then((rows) => new Map(rows.map((s) => [s.code, s]))),
      };
      cached.byCode.catch(() => this.cached === cached && (this.cached = null)); // a failed read is not kept
      this.cached = cached;
    }
    return this.cached.byCode;
  }

  invalidate(): void {
    this.cached = null;
  }
}

const caches = new WeakMap<Models, SalespersonCache>();
export function salespersonCacheOf(models: Models): SalespersonCache {
  let c = caches.get(models);
  if (!c) caches.set(models, (c = new SalespersonCache(models)));
  return c;
}

export class SalespersonRepository {
  private readonly cache: SalespersonCache;

  constructor(private readonly models: Models) {
    this.cache = salespersonCacheOf(models);
  }

  /** As byCodes, from the cache (at most SALESPEOPLE_CACHE_MS behind edits made elsewhere): the task pane's names. */
  async byCodesCached(codes: string[]): Promise<Map<string, Salesperson>> {
    const all = await this.cache.all();
    return new Map(codes.flatMap((c) => (all.has(c) ? [[c, all.get(c)!] as const] : [])));
  }

  async byCode(code: string): Promise<Salesperson | null> {
    return this.models.Salesperson.findOne({ code }, FIELDS).lean();
  }

  async byCodes(codes: string[]): Promise<Map<string, Salesperson>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = await this.models.Salesperson.find({ code: { $in: unique } }, FIELDS).lean<Salesperson[]>();
    return new Map(rows.map((s) => [s.code, s]));
  }

  /** Salespeople whose (normalised) address is one of `emails`. */
  async byEmails(emails: string[]): Promise<Salesperson[]> {
    if (emails.length === 0) return [];
    return this.models.Salesperson.find({ email: { $in: emails } }, FIELDS).lean<Salesperson[]>();
  }

  /** Every salesperson, or those whose code or name starts with `prefix` (any case), by code. */
  async list(prefix?: string): Promise<Salesperson[]> {
    const filter = prefix
      ? { $or: [{ code: { $regex: `^${escapeRegex(prefix.toUpperCase())}` } }, { name: startsWith(prefix) }] }
      : {};
    const rows = await this.models.Salesperson.find(filter, FIELDS)
      .limit(MAX_SALESPEOPLE_LISTED)
      .lean<Salesperson[]>();
    return rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Inserts a new salesperson; false when the code is taken. */
  async create(sp: Salesperson): Promise<boolean> {
    try {
      await this.models.Salesperson.create(sp);
      this.cache.invalidate();
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async update(code: string, changes: Partial<Omit<Salesperson, 'code'>>): Promise<Salesperson | null> {
    const r = await this.models.Salesperson.updateOne({ code }, { $set: changes });
    this.cache.invalidate();
    return r.matchedCount === 1 ? this.byCode(code) : null;
  }

  /** The salespeople bound to this Entra ID user (one, unless something went wrong). */
  async byEntraObject(tenantId: string, objectId: string): Promise<Salesperson[]> {
    return this.models.Salesperson.find({ entraObjectId: objectId, entraTenantId: tenantId }, FIELDS).lean<
      Salesperson[]
    >();
  }

  /** The salespeople bound to any of these Entra ID users, in one query (the check of an import's rows). */
  async byEntraObjects(users: { tenantId: string; objectId: string }[]): Promise<Salesperson[]> {
    if (users.length === 0) return [];
    const wanted = new Set(users.map((u) => `${u.tenantId}:${u.objectId}`));
    const rows = await this.models.Salesperson.find(
      { entraObjectId: { $in: [...new Set(users.map((u) => u.objectId))] } },
      FIELDS,
    ).lean<Salesperson[]>();
    return rows.filter((s) => wanted.has(`${s.entraTenantId}:${s.entraObjectId}`));
  }

  /** Binds the pending sign-in with this object id; false when the pending sign-in is another (or none). */
  async confirmPendingSignIn(
    code: string,
    binding: { entraTenantId: string; entraObjectId: string },
  ): Promise<boolean> {
    // Conditional on the pending sign-in still being the one the admin confirmed (a newer one is not bound).
    const r = await this.models.Salesperson.updateOne(
      { code, 'pendingSignIn.objectId': binding.entraObjectId },
      { $set: { ...binding, pendingSignIn: null } },
    );
    this.cache.invalidate();
    return r.modifiedCount === 1;
  }
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive "starts with" filter; the text is escaped, so it is never a pattern. */
export function startsWith(prefix: string): { $regex: string; $options: string } {
  return { $regex: `^${escapeRegex(prefix)}`, $options: 'i' };
}
