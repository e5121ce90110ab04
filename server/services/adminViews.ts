// What the admin console shows about the loop: interaction log entries across contacts with filters, the state
// of every logging mailbox (healthy / failing / disabled, last run, earliest next run, ledger counts) and mail
// logged per day. Read-only; the clock is injected.
import type { LinkCheckRepository, LinkCheckState } from '../repositories/linkChecks.js';
import { healthOf, RECENT_RUNS, scheduleOf } from '../domain/outcomes.js';
import { z } from 'zod';
import type { AdminQueryRepository, InteractionFilter } from '../repositories/adminQueries.js';
import type { ContactRepository } from '../repositories/contacts.js';
import type { JobRun, JobRunRepository } from '../repositories/jobRuns.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { Contact, MasterDataRepository, Salesperson } from '../repositories/masterData.js';
import { buildDirectory, type DirectoryOwner } from '../domain/directory.js';
import type { DirectoryCheck } from '../../shared/api/adminViews.js';
import type { SalespersonRepository } from '../repositories/salespeople.js';
import type { Caller } from '../http/auth/identity.js';
import type { VisibilityService, VisibleEntry } from './visibility.js';
import { decodeCursor, pageOf } from './cursor.js';
import { refuse } from './errors.js';

const Position = z.strictObject({ t: z.iso.datetime(), n: z.int().positive() });
const DAY_MS = 86_400_000;

export interface InteractionSearch extends InteractionFilter {
  cursor?: string;
  limit: number;
}

export interface InteractionSearchPage {
  items: VisibleEntry[];
  next: string | null;
  contacts: Map<string, Contact>;
  salespeople: Map<string, Salesperson>;
}

export interface MailboxState {
  setup: LoggingSetup;
  health: 'healthy' | 'failing' | 'disabled';
  lastRun: JobRun | null;
  consecutiveFailures: number;
  nextRunAt: Date | null;
  quarantined: number;
  failingMessages: number;
}

export interface DayCount {
  date: string;
  messages: number;
  entries: number;
}

/**
 * Pure: the state of one mailbox from its setup, its newest runs (newest first) and its ledger: health and next
 * run as the scheduler decides them (domain/outcomes.ts), an overdue run shown as due now.
 */
export function mailboxHealth(
  setup: Pick<LoggingSetup, 'enabled' | 'intervalSeconds' | 'runRequestedAt'>,
  recent: JobRun[],
  now: Date,
  failingMessages = 0,
): Pick<MailboxState, 'health' | 'lastRun' | 'consecutiveFailures' | 'nextRunAt'> {
  const lastRun = recent[0] ?? null;
  const { consecutiveFailures, nextRunAt } = scheduleOf(setup, recent, now);
  const health = healthOf({ enabled: setup.enabled, consecutiveFailures, failingMessages });
  if (!setup.enabled) return { health, lastRun, consecutiveFailures, nextRunAt: null };
  return {
    health,
    lastRun,
    consecutiveFailures,
    nextRunAt: nextRunAt && nextRunAt < now ? now : nextRunAt,
  };
}

/** Pure: per UTC day from the first day to `today` (both "YYYY-MM-DD"), sums of the runs started that day. */
export function countsPerDay(
  runs: { startedAt: Date; logged: number; entriesWritten: number }[],
  firstDay: Date,
  days: number,
): DayCount[] {
  const out: DayCount[] = [];
  const index = new Map<string, DayCount>();
  for (let i = 0; i < days; i++) {
    const date = new Date(firstDay.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    const day = { date, messages: 0, entries: 0 };
    out.push(day);
    index.set(date, day);
  }
  for (const r of runs) {
    const day = index.get(r.startedAt.toISOString().slice(0, 10));
    if (!day) continue;
    day.messages += r.logged;
    day.entries += r.entriesWritten;
  }
  return out;
}

export class AdminViewService {
  constructor(
    private readonly d: {
      queries: AdminQueryRepository;
      setups: LoggingSetupRepository;
      jobRuns: JobRunRepository;
      contacts: ContactRepository;
      salespeople: SalespersonRepository;
      visibility: VisibilityService;
      linkChecks: LinkCheckRepository;
      masterData: MasterDataRepository;
      now: () => Date;
    },
  ) {}

  /** The address check: what the logging loop's directory finds wrong in the salespeople's and contacts' data. */
  async directoryCheck(): Promise<DirectoryCheck> {
    const directory = buildDirectory(await this.d.masterData.directorySnapshot());
    const owner = (o: DirectoryOwner) =>
      o.type === 'salesperson'
        ? { type: o.type, id: o.code, via: null }
        : { type: o.type, id: o.number, via: o.via };
    return {
      counts: { ...directory.counts },
      issues: directory.issues.map((i) =>
        i.kind === 'invalid_email'
          ? { kind: i.kind, email: i.email, owners: [owner(i.owner)] }
          : { kind: i.kind, email: i.email, owners: i.owners.map(owner) },
      ),
    };
  }

  /** Where the link check stands: its last run, the pass in progress, what it healed or lost so far. */
  linkCheck(): Promise<LinkCheckState> {
    return this.d.linkChecks.get();
  }

  /** Entries across contacts (admins), through the visibility gate: privacy-blocked contacts' are left out. */
  async searchInteractions(caller: Caller, q: InteractionSearch): Promise<InteractionSearchPage> {
    const after = decodeCursor(Position, q.cursor);
    const { cursor: _c, limit, ...filter } = q;
    const rows = await this.d.queries.searchInteractions(
      filter,
      limit + 1,
      after && { occurredAt: new Date(after.t), entryNumber: after.n },
    );
    const page = pageOf(rows, limit, (e) => ({ t: e.occurredAt.toISOString(), n: e.entryNumber }));
    const contacts = await this.d.contacts.byNumbers(page.items.map((e) => e.contactNumber));
    const [items, salespeople] = await Promise.all([
      this.d.visibility.entries(caller, page.items, 'search', contacts),
      this.d.salespeople.byCodes(
        page.items.map((e) => e.salespersonCode).filter((c): c is string => c !== null),
      ),
    ]);
    return { items, next: page.next, contacts, salespeople };
  }

  async status(): Promise<MailboxState[]> {
    const setups = (await this.d.setups.list()).sort((a, b) => (a.mailbox < b.mailbox ? -1 : 1));
    const now = this.d.now();
    return Promise.all(
      setups.map(async (setup) => {
        const [recent, quarantined, failingMessages] = await Promise.all([
          this.d.jobRuns.recent(setup.mailbox, RECENT_RUNS),
          this.d.queries.countMessageStates(setup.mailbox, 'quarantined'),
          this.d.queries.countMessageStates(setup.mailbox, 'failing'),
        ]);
        return {
          setup,
          ...mailboxHealth(setup, recent, now, failingMessages),
          quarantined,
          failingMessages,
        };
      }),
    );
  }

  /** Messages and entries logged per UTC day over the last `days` days, today included. */
  async trend(mailbox: string, days: number): Promise<DayCount[]> {
    if (!(await this.d.setups.get(mailbox))) throw refuse.notFound('The logging setup');
    const now = this.d.now();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const first = new Date(today - (days - 1) * DAY_MS);
    return countsPerDay(await this.d.queries.runsThatLogged(mailbox, first), first, days);
  }
}
