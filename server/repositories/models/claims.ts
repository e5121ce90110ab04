// One-time claims decided by the database: whoever inserts a claim's _id first owns it. Conditional updates are
// not atomic on FerretDB (two `updateOne({ x: null })` can both succeed), so anything "only once" that is not an
// insert with its own unique key (an entry gets one opportunity) is arbitrated here.
import { Schema } from 'mongoose';

export interface ClaimDoc {
  _id: string; // `${kind}#${subject}`, e.g. "entry-opportunity#42"
  owner: string;
  at: Date;
}

export const claimSchema = new Schema<ClaimDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
