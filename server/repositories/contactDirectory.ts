// Every contact by address, in the process: the task pane's lookup answers which contacts a mail's addresses are
// without a database query. Like the per-address cache it replaces once loaded (contactLookupCache.ts), it is used
// only at the `contacts` version a lookup read (repositories/versions.ts), so it never serves a contact (its
// privacy block, its owner) from before a change that version covers (this process's own at once, another
// instance's within VERSIONS_SHARED_MS). When the version moved, it catches up from the log of changed
// contacts (changeLog.ts: a few queries, then one per changed contact) instead of reading every contact again.
//
// Why the catch-up cannot miss a change: a change is written, then filed in the log, then its version written. A
// catch-up to version V runs after V was read, so every change whose version is V or older is already in the log
// when the catch-up reads it, filed no earlier (by the writer's clock) than the last catch-up's start less the
// clocks' skew: the log is read from there. A change filed after a catch-up read the log writes a version after
// it, which moves the version again.
//
// Loaded in the background when the server starts (server/main.ts), else at the first lookup (the per-address
// cache answers meanwhile): 17-22 s and about 55 MB of heap for 100,000 contacts on FerretDB/PostgreSQL.
import type { Models } from './models/index.js';
import type { Contact } from './masterData.js';
import { CatchUps, sinceUnchanged, type ChangeLog } from './changeLog.js';
import type { Versions } from './versions.js';

const FIELDS = { _id: 0, __v: 0, createdAt: 0, updatedAt: 0 } as const;
/** More contacts than this are not held (about 125 MB): lookups read them per address, as before. */
const MAX_CONTACTS = 250_000;
/** A catch-up over more changed contacts than this reads every contact again instead (an import). */
const MAX_CATCH_UP = 500;
/** After a failed load, the next lookup tries again this much later (too many contacts: an hour). */
const RETRY_MS = 30_000;

/** The contacts deciding a set of addresses, as the matching rules see them. */
export interface DirectoryView {
  /** Those with one of `emails` (normalised) as primary address, else those with it as an alternate, by number. */
  deciding(emails: string[]): Contact[];
  /** The contacts of `numbers` that exist. */
  byNumbers(numbers: string[]): Map<string, Contact>;
}

class Held implements DirectoryView {
  private readonly byNumber = new Map<string, Contact>();
  private readonly primary = new Map<string, Contact[]>();
  private readonly alternate = new Map<string, Contact[]>();

  constructor(
    public version: string,
    /** This process's clock: every change filed before it (less the clocks' skew) is in here. */
    public since: number,
    rows: Contact[],
  ) {
    for (const c of rows) this.add(c);
  }

  get size(): number {
    return this.byNumber.size;
  }

  deciding(emails: string[]): Contact[] {
    const found = new Map<string, Contact>();
    for (const e of emails) {
      const primary = this.primary.get(e);
      for (const c of primary?.length ? primary : (this.alternate.get(e) ?? [])) found.set(c.number, c);
    }
    return [...found.values()].sort((a, b) => a.number.localeCompare(b.number));
  }

  byNumbers(numbers: string[]): Map<string, Contact> {
    return new Map(
      numbers.flatMap((n) => (this.byNumber.has(n) ? [[n, this.byNumber.get(n)!] as const] : [])),
    );
  }

  /** `numbers` as read now: a row each, null for a contact that is gone. */
  apply(numbers: string[], rows: (Contact | null)[]): void {
    numbers.forEach((n, i) => {
      const old = this.byNumber.get(n);
      if (old) this.remove(old);
      const row = rows[i];
      if (row) this.add(row);
    });
  }

  private add(c: Contact): void {
    this.byNumber.set(c.number, c);
    if (c.email) push(this.primary, c.email, c);
    for (const a of new Set(c.alternateEmails ?? [])) push(this.alternate, a, c);
  }

  private remove(c: Contact): void {
    this.byNumber.delete(c.number);
    if (c.email) drop(this.primary, c.email, c);
    for (const a of new Set(c.alternateEmails ?? [])) drop(this.alternate, a, c);
  }
}

export class ContactDirectory {
  private held: Held | null = null;
  private loading: Promise<void> | null = null;
  private retryAt = -Infinity;
  private readonly catchUps = new CatchUps((version) => this.catchUpTo(version));

  constructor(
    private readonly models: Models,
    private readonly versions: Versions,
    private readonly log: ChangeLog,
    private readonly clock: () => number = Date.now,
    private readonly maxContacts = MAX_CONTACTS,
  ) {}

  /** How many contacts it holds; null while it holds none. */
  get size(): number | null {
    return this.held?.size ?? null;
  }

  /** The contacts deciding `emails` as held now, at whatever version: a guess (no version check), only for
   *  starting reads early; null while it holds none. */
  guess(emails: string[]): Contact[] | null {
    return this.held?.deciding(emails) ?? null;
  }

  /** Whether it holds the contacts (at some version). */
  get loaded(): boolean {
    return this.held !== null;
  }

  /**
   * The directory at `version`, read by a read that started after `readAt` (this process's clock); null while
   * it holds none (it starts loading then), or when the changes since are too many (it loads everything again).
   */
  async at(version: string, readAt: number): Promise<DirectoryView | null> {
    const held = this.held;
    if (!held) {
      void this.load();
      return null;
    }
    if (held.version === version) {
      held.since = sinceUnchanged(held.since, readAt);
      return held;
    }
    return this.catchUps.to(version);
  }

  /** Loads every contact unless loaded or loading (then its load); never rejects. */
  load(): Promise<void> {
    if (this.held) return Promise.resolve();
    if (this.loading) return this.loading;
    if (this.clock() < this.retryAt) return Promise.resolve();
    this.loading = this.loadAll()
      .catch(() => void (this.retryAt = this.clock() + RETRY_MS))
      .finally(() => (this.loading = null));
    return this.loading;
  }

  private async loadAll(): Promise<void> {
    const since = this.clock();
    // The version before the contacts: the contacts read are at least as new as it.
    const version = (await this.versions.current()).get('contacts') ?? '';
    if ((await this.models.Contact.estimatedDocumentCount()) > this.maxContacts) {
      this.retryAt = this.clock() + 120 * RETRY_MS;
      return;
    }
    const rows = await this.models.Contact.find({}, FIELDS).lean<Contact[]>();
    this.held = new Held(version, since, rows);
  }

  private async catchUpTo(version: string): Promise<Held | null> {
    const held = this.held;
    if (!held || held.version === version) return held;
    const startedAt = this.clock();
    const changed = await this.log.changedSince(held.since);
    if (changed === null || changed.length > MAX_CATCH_UP) {
      if (this.held === held) this.held = null;
      void this.load();
      return null;
    }
    const rows = await Promise.all(
      changed.map((number) => this.models.Contact.findOne({ number }, FIELDS).lean<Contact>()),
    );
    held.apply(changed, rows);
    held.version = version;
    held.since = startedAt;
    return held;
  }
}

function push(map: Map<string, Contact[]>, key: string, c: Contact): void {
  const list = map.get(key);
  if (list) list.push(c);
  else map.set(key, [c]);
}

function drop(map: Map<string, Contact[]>, key: string, c: Contact): void {
  const list = map.get(key)?.filter((x) => x !== c);
  if (list?.length) map.set(key, list);
  else map.delete(key);
}
