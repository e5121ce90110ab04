// The log of contact changes the processes' contact directories catch up from (repositories/contactChanges.ts):
// one document per change, filed under the five minutes of its writer's clock; read a bucket at a time (an equality:
// FerretDB answers ranges by reading the whole collection).
import { Schema } from 'mongoose';

export interface ContactChangeDoc {
  _id: string;
  /** The five-bucket bucket of the change (since the epoch, by the writer's clock). */
  bucket: number;
  /** The contacts changed (added, edited or deleted). */
  numbers: string[];
  /** A contact was erased: its number is not kept, so every directory reads every contact again. */
  reload?: boolean;
}

export const contactChangeSchema = new Schema<ContactChangeDoc>(
  {
    _id: { type: String, required: true },
    bucket: { type: Number, required: true, index: true },
    numbers: { type: [String], required: true, index: true }, // what an erasure removes its number from
    reload: { type: Boolean },
  },
  { strict: 'throw', versionKey: false },
);
