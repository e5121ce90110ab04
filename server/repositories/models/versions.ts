// Versions of data that processes cache (repositories/versions.ts): one document per kind, a random value written
// after every change of that kind; all of them are read in one command before a cache is used.
import { Schema } from 'mongoose';

export interface VersionDoc {
  _id: string;
  v: string;
}

export const versionSchema = new Schema<VersionDoc>(
  { _id: { type: String, required: true }, v: { type: String, required: true } },
  { strict: 'throw', versionKey: false },
);
