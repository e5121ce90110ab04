// The logs of changes the processes' caches catch up from (repositories/changeLog.ts): the contacts' (for the
// contact directories) and the timelines' (for the lookup's timeline caches), one collection each, one document
// per change, filed under the five minutes of its writer's clock; read a bucket at a time (an equality: FerretDB
// answers ranges by reading the whole collection).
import { Schema } from 'mongoose';

export interface ChangeLogDoc {
  _id: string;
  /** The five-minute bucket of the change (since the epoch, by the writer's clock). */
  bucket: number;
  /** The contacts changed (a contact added, edited or deleted; a contact's timeline written). */
  numbers: string[];
  /** A contact was erased: its number is not kept, so every reader reads everything again. */
  reload?: boolean;
}

export const changeLogSchema = new Schema<ChangeLogDoc>(
  {
    _id: { type: String, required: true },
    bucket: { type: Number, required: true, index: true },
    numbers: { type: [String], required: true, index: true }, // what an erasure removes its number from
    reload: { type: Boolean },
  },
  { strict: 'throw', versionKey: false },
);
