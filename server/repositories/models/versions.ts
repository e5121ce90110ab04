// Versions of data that processes cache (repositories/contactLookupCache.ts): a random value written after every
// change, read by _id before the cache is used.
import { Schema } from 'mongoose';

export interface VersionDoc {
  _id: string;
  v: string;
}

export const versionSchema = new Schema<VersionDoc>(
  { _id: { type: String, required: true }, v: { type: String, required: true } },
  { strict: 'throw', versionKey: false },
);
