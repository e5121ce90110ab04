// The task pane's read model: one document per contact (`_id` its number) with its newest entries and its open
// opportunities, kept by the same writes that change them (repositories/timelines.ts).
import { Schema } from 'mongoose';
import type { OpportunityDoc } from './interactions.js';
import type { TimelineEntry } from '../timelineStore.js';

export interface TimelineDoc {
  _id: string;
  /** The contact's newest entries (the fields the pane shows: timelineStore.ts), newest first, at most
   *  RECENT_INTERACTIONS_PER_CONTACT; fewer means the contact has no others. Timelines written before they were
   *  slim hold whole entries until their next change or a rebuild. */
  entries: TimelineEntry[];
  /** Its open opportunities, newest first (at most OPEN_PER_CONTACT). */
  open: OpportunityDoc[];
  /** Random per write: a write replaces the version it read, or tries again. */
  rev: string;
}

/** As mongoose sees it: the lists are opaque to it (written and read through the driver, repositories/timelines.ts). */
export type TimelineStoredDoc = Omit<TimelineDoc, 'entries' | 'open'> & {
  entries: unknown[];
  open: unknown[];
};

export const timelineSchema = new Schema<TimelineStoredDoc>(
  {
    _id: { type: String, required: true },
    entries: { type: [Schema.Types.Mixed], default: [] },
    open: { type: [Schema.Types.Mixed], default: [] },
    rev: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);
