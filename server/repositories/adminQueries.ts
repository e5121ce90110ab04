// Read-only queries of the admin console: interaction log entries across contacts with filters (keyset-paged,
// newest first), the runs that logged mail since a moment (the per-day trend) and ledger counts per mailbox.
import type { Interaction } from './interactions.js';
import type { Models } from './models/index.js';
import type { MessageStateDoc } from './models/logging.js';

export interface InteractionFilter {
  contactNumber?: string;
  salespersonCode?: string;
  direction?: 'inbound' | 'outbound';
  canceled?: boolean;
  /** occurredAt >= from */
  from?: Date;
  /** occurredAt < before */
  before?: Date;
}

export interface InteractionPosition {
  occurredAt: Date;
  entryNumber: number;
}

export interface LoggedRun {
  startedAt: Date;
  logged: number;
  entriesWritten: number;
}

const PROJECTION = { _id: 0, __v: 0 } as const;

export class AdminQueryRepository {
  constructor(private readonly models: Models) {}

  /**
   * Entries matching every given filter, newest first, after a keyset position. The equality filters narrow an
   * index (contact, or salesperson, each followed by occurredAt and entryNumber); direction and canceled are
   * checked on what the index finds.
   */
  async searchInteractions(
    f: InteractionFilter,
    limit: number,
    after?: InteractionPosition,
  ): Promise<Interaction[]> {
    const filter: Record<string, unknown> = {};
    if (f.contactNumber !== undefined) filter.contactNumber = f.contactNumber;
    if (f.salespersonCode !== undefined) filter.salespersonCode = f.salespersonCode;
    if (f.direction !== undefined) filter.direction = f.direction;
    if (f.canceled !== undefined) filter.canceled = f.canceled;
    const and: Record<string, unknown>[] = [];
    const range: Record<string, Date> = {};
    if (f.from) range.$gte = f.from;
    if (f.before) range.$lt = f.before;
    if (Object.keys(range).length > 0) and.push({ occurredAt: range });
    if (after) {
      and.push({
        $or: [
          { occurredAt: { $lt: after.occurredAt } },
          { occurredAt: after.occurredAt, entryNumber: { $lt: after.entryNumber } },
        ],
      });
    }
    if (and.length > 0) filter.$and = and;
    return this.models.Interaction.find(filter, PROJECTION)
      .sort({ occurredAt: -1, entryNumber: -1 })
      .limit(limit)
      .lean();
  }

  /** Runs of a mailbox started at or after `since` that logged something (runs that found nothing are most). */
  async runsThatLogged(mailbox: string, since: Date): Promise<LoggedRun[]> {
    const rows = await this.models.JobRun.find(
      { mailbox, startedAt: { $gte: since }, 'counts.logged': { $gt: 0 } },
      { _id: 0, startedAt: 1, counts: 1 },
    ).lean();
    return rows.map((r) => ({
      startedAt: r.startedAt,
      logged: r.counts?.logged ?? 0,
      entriesWritten: r.counts?.entriesWritten ?? 0,
    }));
  }

  async countMessageStates(mailbox: string, state: MessageStateDoc['state']): Promise<number> {
    return this.models.MessageState.countDocuments({ mailbox, state });
  }
}
