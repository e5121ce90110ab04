// The gate every read of interaction log entries and opportunities goes through (lookup, history, detail, the
// admin search, opportunities, the answers of cancel/uncancel/link/mark-private): it reads the deployment
// settings and the records' contacts, applies domain/visibility.ts, drops or refuses what the privacy block
// hides, and hands out Visible<T> records, the only kind the presenters accept. Mutations ask it first.
//
// Admin reads of another salesperson's mail content are reported to subscribers (the audit log): an admin sees
// everything, so what they looked at is recorded instead.
import {
  entryAccess,
  mayChangeContact,
  mayMarkPrivate,
  opportunityAccess,
  redactEntry,
  redactOpportunity,
  type Access,
  type EntryFacts,
  type RedactableEntry,
  type Visible,
} from '../domain/visibility.js';
import type { Caller } from '../http/auth/identity.js';
import type { ContactRepository } from '../repositories/contacts.js';
import type {
  DeploymentSettingsRecord,
  DeploymentSettingsRepository,
} from '../repositories/deploymentSettings.js';
import type { Interaction } from '../repositories/interactions.js';
import type { Contact } from '../repositories/masterData.js';
import type { Opportunity } from '../repositories/opportunities.js';
import { refuse } from './errors.js';

export type VisibleEntry = Visible<Interaction>;
/** What the gate decides an entry by and redacts of it: an entry, or what a timeline keeps of one. */
export type GateEntry = EntryFacts & RedactableEntry & { contactNumber: string; entryNumber: number };
export type VisibleOpportunity = Visible<Opportunity>;

/** An admin saw the content (subject, link) of entries of salespeople other than themselves. */
export interface AdminContentRead {
  userId: string;
  email: string | null;
  /** What was read: history, detail, lookup, search, cancel, uncancel, link, mark_private. */
  via: string;
  salespersonCodes: string[];
  /** The entries read, each with its contact (as the gate saw it: the audit needs no read to group them). */
  entries: { contactNumber: string; entryNumber: number }[];
}

export type AdminContentReadListener = (read: AdminContentRead) => void | Promise<void>;

export class VisibilityService {
  private readonly listeners = new Set<AdminContentReadListener>();
  /** The settings one request decides by: read once per Caller (a Caller is made per request), so the checks
   *  of one call (an entry's and its opportunity's, a list and its items) agree and cost one read. */
  private readonly settingsOfCall = new WeakMap<Caller, Promise<DeploymentSettingsRecord>>();

  constructor(private readonly d: { settings: DeploymentSettingsRepository; contacts: ContactRepository }) {}

  /** Subscribes to admin reads of others' content (awaited: a read whose audit fails fails); unsubscribe. */
  onAdminContentRead(listener: AdminContentReadListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  settings(): Promise<DeploymentSettingsRecord> {
    return this.d.settings.get();
  }

  /** This request decides by the settings as of `asOf` (its start, on the versions' clock: repositories/versions.ts),
   *  read with the versions it reads anyway. Before any check of the request. */
  decideAsOf(caller: Caller, asOf: number): void {
    if (Object.isFrozen(caller) || this.settingsOfCall.has(caller)) return;
    const settings = this.d.settings.get(asOf);
    this.settingsOfCall.set(caller, settings);
    settings.catch(() => this.settingsOfCall.delete(caller));
  }

  /** The entries the caller may see, in order: privacy-blocked ones dropped, the others redacted as allowed. */
  async entries<T extends GateEntry = Interaction>(
    caller: Caller,
    entries: T[],
    via: string,
    known: Map<string, Contact> = new Map(),
  ): Promise<Visible<T>[]> {
    if (entries.length === 0) return [];
    const [settings, contacts] = await Promise.all([
      this.settingsFor(caller),
      this.contactsOf(
        entries.map((e) => e.contactNumber),
        known,
      ),
    ]);
    const out: Visible<T>[] = [];
    for (const e of entries) {
      const access = entryAccess(caller, e, contacts.get(e.contactNumber) ?? null, settings);
      if (access !== 'blocked') out.push(redactEntry(e, access));
    }
    await this.reportAdminRead(caller, out, via);
    return out;
  }

  /** One entry, or `privacy_blocked` (409) when its contact is blocked or gone. */
  async entry(caller: Caller, entry: Interaction, via: string, contact?: Contact): Promise<VisibleEntry> {
    const known = contact ? new Map([[contact.number, contact]]) : undefined;
    const [visible] = await this.entries(caller, [entry], via, known);
    if (!visible) throw refuse.privacyBlocked();
    return visible;
  }

  /** Cancel, uncancel, link: only who sees the entry in full may change it (403 `not_owner`). */
  async assertMayChangeEntry(caller: Caller, entry: Interaction): Promise<void> {
    const access = await this.entryAccessOf(caller, entry);
    if (access === 'blocked') throw refuse.privacyBlocked();
    if (access !== 'full') throw refuse.notOwner('You may not change this interaction log entry');
  }

  /**
   * Reading the logged mail itself (the viewer): whoever sees the entry in full, nobody else (403 `not_owner`;
   * 409 `privacy_blocked` as for the entry). An admin reading another salesperson's mail is reported as any
   * read of that content, by the returned function, once the mail was read: a refused or failed read writes
   * nothing.
   */
  async assertMayReadMail(caller: Caller, entry: Interaction, via: string): Promise<() => Promise<void>> {
    const access = await this.entryAccessOf(caller, entry);
    if (access === 'blocked') throw refuse.privacyBlocked();
    if (access !== 'full') throw refuse.notOwner('You may not read this logged mail');
    return () => this.reportAdminRead(caller, [redactEntry(entry, access)], via);
  }

  /** Marking private: the entry's own salesperson or an admin (403 `not_owner`). */
  async assertMayMarkPrivate(caller: Caller, entry: Interaction): Promise<void> {
    if ((await this.entryAccessOf(caller, entry)) === 'blocked') throw refuse.privacyBlocked();
    if (!mayMarkPrivate(caller, entry))
      throw refuse.notOwner('Only its salesperson may mark an entry private');
  }

  async opportunities(
    caller: Caller,
    list: Opportunity[],
    known: Map<string, Contact> = new Map(),
  ): Promise<VisibleOpportunity[]> {
    if (list.length === 0) return [];
    const [settings, contacts] = await Promise.all([
      this.settingsFor(caller),
      this.contactsOf(
        list.map((o) => o.contactNumber),
        known,
      ),
    ]);
    const out: VisibleOpportunity[] = [];
    for (const o of list) {
      const access = opportunityAccess(caller, o, contacts.get(o.contactNumber) ?? null, settings);
      if (access !== 'blocked') out.push(redactOpportunity(o, access));
    }
    return out;
  }

  async opportunity(caller: Caller, o: Opportunity): Promise<VisibleOpportunity> {
    const [visible] = await this.opportunities(caller, [o]);
    if (!visible) throw refuse.privacyBlocked();
    return visible;
  }

  async assertMayChangeOpportunity(caller: Caller, o: Opportunity): Promise<void> {
    const [settings, contact] = await Promise.all([
      this.settingsFor(caller),
      this.d.contacts.byNumber(o.contactNumber),
    ]);
    const access = opportunityAccess(caller, o, contact, settings);
    if (access === 'blocked') throw refuse.privacyBlocked();
    if (access !== 'full') throw refuse.notOwner('You may not change this opportunity');
  }

  async assertMayChangeContact(caller: Caller, contact: Contact, changesOwner: boolean): Promise<void> {
    if (!mayChangeContact(caller, contact, await this.settingsFor(caller), changesOwner)) {
      throw refuse.notOwner(
        changesOwner
          ? "Only an admin or the contact's owner may change its owner"
          : 'You may not change this contact',
      );
    }
  }

  private settingsFor(caller: Caller): Promise<DeploymentSettingsRecord> {
    if (Object.isFrozen(caller)) return this.d.settings.get(); // shared (ANONYMOUS), not one request's
    let settings = this.settingsOfCall.get(caller);
    if (!settings) {
      settings = this.d.settings.get();
      this.settingsOfCall.set(caller, settings);
      settings.catch(() => this.settingsOfCall.delete(caller)); // a failed read is not remembered
    }
    return settings;
  }

  private async entryAccessOf(caller: Caller, entry: Interaction): Promise<Access> {
    const [settings, contact] = await Promise.all([
      this.settingsFor(caller),
      this.d.contacts.byNumber(entry.contactNumber),
    ]);
    return entryAccess(caller, entry, contact, settings);
  }

  private async contactsOf(numbers: string[], known: Map<string, Contact>): Promise<Map<string, Contact>> {
    const missing = [...new Set(numbers)].filter((n) => !known.has(n));
    if (missing.length === 0) return known;
    return new Map([...known, ...(await this.d.contacts.byNumbers(missing))]);
  }

  private async reportAdminRead(caller: Caller, shown: Visible<GateEntry>[], via: string): Promise<void> {
    if (this.listeners.size === 0 || !caller.roles.includes('admin')) return;
    const others = shown.filter(
      (e) =>
        e.visibility === 'full' &&
        e.salespersonCode !== caller.salespersonCode &&
        (e.subject !== '' || e.message.webLink !== null || e.message.immutableId !== null),
    );
    if (others.length === 0) return;
    const read: AdminContentRead = {
      userId: caller.userId,
      email: caller.email,
      via,
      salespersonCodes: [...new Set(others.map((e) => e.salespersonCode ?? ''))].sort(),
      entries: others.map((e) => ({ contactNumber: e.contactNumber, entryNumber: e.entryNumber })),
    };
    await Promise.all([...this.listeners].map((l) => l(read)));
  }
}
