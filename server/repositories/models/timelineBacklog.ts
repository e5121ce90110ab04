// Contacts whose timelines may lack entries already written: the logging loop writes a page's entries without
// their timelines (one replacement per contact and page cost the loop four fifths of its speed on FerretDB) and
// lists the contacts here first; the lookup reads those contacts from the entries themselves until the backlog
// is drained (repositories/timelineBacklog.ts).
import { Schema } from 'mongoose';

export interface TimelineBacklogDoc {
  _id: string;
  contacts: string[];
  /** The process that wrote the entries (it drains its own once written; others adopt what is left). */
  owner: string;
  at: Date;
  /** The write has ended (done or failed): its timelines can be made. */
  written: boolean;
}

export const timelineBacklogSchema = new Schema<TimelineBacklogDoc>(
  {
    _id: { type: String, required: true },
    contacts: { type: [String], required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
    written: { type: Boolean, required: true },
  },
  { strict: 'throw', versionKey: false },
);
