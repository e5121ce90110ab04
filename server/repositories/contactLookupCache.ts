// Address -> contacts for the task pane's lookup, cached in the process and stale by at most the versions' bound:
// every change of a contact (any instance) writes a new random `contacts` version after the change
// (repositories/versions.ts: seen by this process's next request, another's within VERSIONS_SHARED_MS), and the
// cache is used only under the version it was filled under (the lookup's one read of the versions instead of two
// queries per address).
//
// Why it cannot serve a contact from before a change: a change's version is written after the change, so a
// lookup that read that version (or a later one) reads contacts after it; a lookup that read an older version
// fills the cache under that older one, which the change's version write then replaces. Each version is a new
// random value written once, so the version never returns to one a cache was filled under (FerretDB's
// non-atomic update can reorder two writers' versions, but both are new).
//
// Once the process holds every contact (contactDirectory.ts, loaded when the server starts, else at the first
// lookup), the directory answers instead, under the same version read; this cache answers before that, and where
// there are too many contacts.
import type { Models } from './models/index.js';
import type { Contact } from './masterData.js';
import { ChangeLog } from './changeLog.js';
import { ContactDirectory, type DirectoryView } from './contactDirectory.js';
import { versionsOf, type Versions } from './versions.js';

/** Addresses kept (least recently used dropped first): a few MB. */
const MAX_ADDRESSES = 20_000;

export class ContactLookupCache {
  private version: string | null = null;
  private readonly byAddress = new Map<string, Contact[]>();

  private readonly versions: Versions;
  private readonly log: ChangeLog;
  readonly directory: ContactDirectory;

  constructor(models: Models) {
    this.versions = versionsOf(models);
    this.log = new ChangeLog(models.ContactChange);
    this.directory = new ContactDirectory(models, this.versions, this.log);
  }

  /**
   * The contacts that decide which contact each of `emails` (normalised) is, by number (at least those with it
   * as primary address, else those with it as an alternate: what `read` answers); `read` is asked for the
   * addresses not cached under the version read as of `asOf` (repositories/versions.ts).
   */
  async contactsByEmails(
    emails: string[],
    read: (emails: string[]) => Promise<Contact[]>,
    asOf: number = this.versions.now(),
  ): Promise<Contact[]> {
    const unique = [...new Set(emails)];
    const view = await this.directoryAsOf(asOf);
    if (view) {
      this.byAddress.clear(); // not needed any more
      return view.deciding(unique);
    }
    // What this process has not cached is read at once, beside the versions (it is read either way): a round
    // trip less. Those rows are this lookup's (read after it started), but a read beside the versions' may
    // predate a change whose version that read already sees: they are kept only under the version the cache
    // held when they were asked (read before them), and only while it still is the version.
    const held = this.version;
    const early = unique.filter((e) => !this.byAddress.has(e));
    const [versions, earlyRows] = await Promise.all([
      this.versions.current(asOf),
      early.length > 0 ? read(early) : Promise.resolve([]),
    ]);
    const version = versions.get('contacts') ?? '';
    if (version !== this.version) {
      this.byAddress.clear();
      this.version = version;
    }
    const found = new Map<string, Contact[]>();
    for (const e of early) {
      found.set(e, matchesOf(earlyRows, e));
      if (held === version) this.remember(e, found.get(e)!);
    }
    const late: string[] = [];
    for (const e of unique) {
      if (found.has(e)) continue;
      const hit = this.byAddress.get(e);
      if (!hit) late.push(e);
      else {
        this.byAddress.delete(e); // most recently used last
        this.byAddress.set(e, hit);
        found.set(e, hit);
      }
    }
    if (late.length > 0) {
      const rows = await read(late);
      for (const e of late) {
        found.set(e, matchesOf(rows, e));
        // Kept only if no newer version was seen meanwhile (then these rows may be older than it).
        if (this.version === version) this.remember(e, found.get(e)!);
      }
    }
    const byNumber = new Map<string, Contact>();
    for (const list of found.values()) for (const c of list) byNumber.set(c.number, c);
    return [...byNumber.values()].sort((a, b) => a.number.localeCompare(b.number));
  }

  /** The contacts of `numbers` the directory holds at the version read as of `asOf`; none while it holds none. */
  async contactsByNumbers(
    numbers: string[],
    asOf: number = this.versions.now(),
  ): Promise<Map<string, Contact>> {
    const view = await this.directoryAsOf(asOf);
    return view ? view.byNumbers(numbers) : new Map();
  }

  /** The directory at the version read as of `asOf`; null while it holds none (it starts loading then). */
  private async directoryAsOf(asOf: number): Promise<DirectoryView | null> {
    if (!this.directory.loaded) {
      void this.directory.load();
      return null;
    }
    const versions = await this.versions.current(asOf);
    return this.directory.at(versions.get('contacts') ?? '', versions.readAt);
  }

  /** After a change of the contacts `numbers` (added, edited or deleted): every process sees it at its next
   *  lookup (this one forgets its cache at once). */
  changed(numbers: string[]): Promise<void> {
    return this.afterChange(() => this.log.record(numbers));
  }

  /** After the contact `number` was erased (deleted; its number kept nowhere): as `changed`. */
  erased(number: string): Promise<void> {
    return this.afterChange(() => this.log.recordErased(number));
  }

  /** The change filed in the log, then its version: never the other way round (changeLog.ts). */
  private async afterChange(file: () => Promise<void>): Promise<void> {
    this.byAddress.clear();
    this.version = null;
    await file();
    await this.versions.changed('contacts');
  }

  private remember(address: string, contacts: Contact[]): void {
    this.byAddress.set(address, contacts);
    if (this.byAddress.size > MAX_ADDRESSES) this.byAddress.delete(this.byAddress.keys().next().value!);
  }
}

const matchesOf = (rows: Contact[], address: string) =>
  rows.filter((c) => c.email === address || (c.alternateEmails ?? []).includes(address));

const caches = new WeakMap<Models, ContactLookupCache>();

/** The one cache of a set of models (one connection), shared by every repository that changes contacts. */
export function contactLookupCacheOf(models: Models): ContactLookupCache {
  let c = caches.get(models);
  if (!c) caches.set(models, (c = new ContactLookupCache(models)));
  return c;
}
