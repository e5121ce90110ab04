// The task pane's read model: one document per contact (`_id` its number) with its newest entries and its open
// opportunities, kept by the same writes that change them (repositories/timelines.ts), stored as one BSON binary
// (repositories/timelineCodec.ts).
import { Schema } from 'mongoose';
import type { Binary } from 'mongodb';
import type { OpportunityDoc } from './interactions.js';
import type { TimelineEntry } from '../timelineStore.js';

/** A timeline as the repositories use it. */
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
  /** Stored as lists (the shape before `body`): written as a body at its next write, even an unchanged one. */
  lists?: true;
}

/** As stored: `body` is the BSON of `{ entries, open }`; timelines stored before it hold the lists as fields. */
export interface TimelineStoredDoc {
  _id: string;
  body?: Binary;
  entries?: unknown[];
  open?: unknown[];
  rev: string;
}

/** For the indexes and the documentation: written and read through the driver (repositories/timelineStore.ts). */
export const timelineSchema = new Schema<TimelineStoredDoc>(
  {
    _id: { type: String, required: true },
    body: { type: Buffer },
    entries: { type: [Schema.Types.Mixed], default: undefined },
    open: { type: [Schema.Types.Mixed], default: undefined },
    rev: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);
