// POST /lookup: everything the task pane shows for one mail item, in two parallel rounds of reads: the contacts of
// the addresses (from the process's cache, checked against the contacts' version: repositories/contactLookupCache.ts
// and versions.ts; the settings and the timelines' backlog are kept under versions too, all read in one command)
// and the entries of the message (is it logged?), then each contact's timeline, the read model of its newest
// entries and open opportunities (repositories/timelines.ts: one document by _id instead of sorting a long
// history; held by the process under the timelines' version, repositories/timelineCache.ts; those the process
// does not hold are read ahead, beside the first round, for the contacts its directory holds). Salesperson names
// come from a short-lived cache (SALESPEOPLE_CACHE_MS). Entries and opportunities pass the visibility gate as they
// always did: the timeline holds what the pane shows of each entry, never as one caller may see it.
import { buildDirectory } from '../domain/directory.js';
import type { Caller } from '../http/auth/identity.js';
import type { InteractionRepository } from '../repositories/interactions.js';
import type { Contact, MasterDataRepository, Salesperson } from '../repositories/masterData.js';
import type { Opportunity, OpportunityRepository } from '../repositories/opportunities.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type { Timeline, TimelineEntry } from '../repositories/timelines.js';
import type { Visible } from '../domain/visibility.js';
import type { Versions } from '../repositories/versions.js';
import { RECENT_INTERACTIONS_PER_CONTACT, type LookupRequest } from '../../shared/api/lookup.js';
import { normalizeAddress } from '../../shared/email.js';
import type { VisibilityService, VisibleOpportunity } from './visibility.js';

export interface LookupResult {
  /** In the order of the request's addresses, each once. */
  contacts: Contact[];
  unknownAddresses: string[];
  recent: Map<string, Visible<TimelineEntry>[]>;
  open: Map<string, VisibleOpportunity[]>;
  logged: Visible<TimelineEntry>[];
  salespeople: Map<string, Salesperson>;
}

export class LookupService {
  constructor(
    private readonly d: {
      interactions: InteractionRepository;
      masterData: MasterDataRepository;
      opportunities: OpportunityRepository;
      salespeople: SalespersonRepository;
      visibility: VisibilityService;
      versions: Versions;
    },
  ) {}

  async lookup(caller: Caller, req: LookupRequest): Promise<LookupResult> {
    // Every cache this lookup uses is checked against one read of the versions, made after it started.
    const asOf = this.d.versions.now();
    this.d.visibility.decideAsOf(caller, asOf);
    const normalized = req.addresses.map((a) => normalizeAddress(a));
    const valid = [...new Set(normalized.filter((a): a is string => a !== null))];
    const messageKey = req.internetMessageId?.trim() ?? '';
    // The timelines of the contacts the directory holds for these addresses are read beside the versions (a
    // round trip less when the process does not hold them); used only if the timelines' version is unchanged.
    this.d.interactions.timelines.prefetch(
      this.d.masterData
        .contactsByEmailsGuess(valid)
        .filter((c) => !c.privacyBlocked)
        .map((c) => c.number),
    );
    const [candidates, loggedRows, complete] = await Promise.all([
      valid.length > 0 ? this.d.masterData.contactsByEmailsCached(valid, asOf) : Promise.resolve([]),
      messageKey ? this.d.interactions.byMessageKey(messageKey) : Promise.resolve([]),
      this.d.interactions.timelines.isComplete(),
    ]);
    // The logging loop's matching rules (primary before alternate, lowest number wins) decide which contact an
    // address is, so the pane shows the contact the mail is logged for.
    const directory = buildDirectory({ salespeople: [], contacts: candidates });
    const contacts: Contact[] = [];
    const unknownAddresses: string[] = [];
    const seen = new Set<string>();
    req.addresses.forEach((raw, i) => {
      const match = normalized[i] ? directory.lookup(normalized[i]).contact : null;
      if (!match) return void unknownAddresses.push(raw);
      if (seen.has(match.number)) return;
      seen.add(match.number);
      contacts.push(candidates.find((c) => c.number === match.number)!);
    });

    const visible = contacts.filter((c) => !c.privacyBlocked).map((c) => c.number);
    const known = new Map(contacts.map((c) => [c.number, c]));
    // The gate decides by each entry's contact: this mail's entries for contacts not among its addresses too (from
    // the directory; the gate reads any it does not hold).
    const others = [...new Set(loggedRows.map((e) => e.contactNumber))].filter((n) => !known.has(n));
    const [timelines, more] = await Promise.all([
      this.timelinesOf(visible, complete, asOf),
      others.length > 0
        ? this.d.masterData.contactsByNumbersCached(others, asOf)
        : new Map<string, Contact>(),
    ]);
    for (const [n, c] of more) known.set(n, c);
    const rows = visible.map((n) => timelines.get(n)!.entries);
    const openRows = visible.map((n) => timelines.get(n)!.open);
    const gate = this.d.visibility;
    // The histories and this mail's own entries pass the gate together: one settings read, one report of what
    // an admin saw (an entry can be in both).
    const all = new Map<number, TimelineEntry>(
      [...rows.flat(), ...loggedRows].map((e) => [e.entryNumber, e]),
    );
    const [shown, opportunities] = await Promise.all([
      gate.entries(caller, [...all.values()], 'lookup', known),
      gate.opportunities(caller, openRows.flat(), known),
    ]);
    const shownByNumber = new Map(shown.map((e) => [e.entryNumber, e]));
    const gated = (list: TimelineEntry[]) =>
      list.flatMap((e) => (shownByNumber.has(e.entryNumber) ? [shownByNumber.get(e.entryNumber)!] : []));
    const histories = gated(rows.flat());
    const logged = gated(loggedRows);
    // Every contact gets a key; a privacy-blocked one with nothing in it.
    const recent = new Map(contacts.map((c) => [c.number, [] as Visible<TimelineEntry>[]]));
    for (const e of histories) recent.get(e.contactNumber)?.push(e);
    const open = new Map(contacts.map((c) => [c.number, [] as VisibleOpportunity[]]));
    for (const o of opportunities) open.get(o.contactNumber)?.push(o);
    const codes = [
      ...contacts.map((c) => c.salespersonCode),
      ...histories.map((e) => e.salespersonCode),
    ].filter((c): c is string => c !== null);
    const salespeople = await this.d.salespeople.byCodesCached(codes);
    return { contacts, unknownAddresses, recent, open, logged, salespeople };
  }

  /** Each contact's timeline; where none is stored, an empty one once every timeline is kept, else read from the
   *  entries and opportunities themselves (a database from before the read model, until its rebuild), as are
   *  the contacts in the timelines' backlog. */
  private async timelinesOf(
    numbers: string[],
    complete: boolean,
    asOf: number,
  ): Promise<Map<string, Timeline>> {
    const [stored, pending] = await Promise.all([
      this.d.interactions.timelines.get(numbers, asOf),
      this.d.interactions.timelines.backlog.pending(asOf),
    ]);
    // Contacts the loop wrote entries of since their timelines were made are read from the entries.
    const missing = numbers.filter((n) => pending.has(n) || (!complete && !stored.get(n)));
    const [histories, open] = await Promise.all([
      Promise.all(missing.map((n) => this.d.interactions.historyOf(n, RECENT_INTERACTIONS_PER_CONTACT))),
      missing.length > 0 ? this.d.opportunities.openOf(missing) : new Map<string, Opportunity[]>(),
    ]);
    const read = new Map(missing.map((n, i) => [n, { entries: histories[i]!, open: open.get(n) ?? [] }]));
    return new Map(numbers.map((n) => [n, read.get(n) ?? stored.get(n) ?? { entries: [], open: [] }]));
  }
}
