// Entries logged by hand that wait for the loop to meet the BCC'd copy of their mail: one small document per
// message (by its key). The loop reads it by _id for the messages of each page, so its size never depends on
// how many entries there are, only on how many manual logs wait (FerretDB scans what it cannot push down).
import { Schema } from 'mongoose';

export interface ManualConfirmationDoc {
  /** The message key (internetMessageId): the same key the loop's entries carry. */
  _id: string;
  /** The ids (repositories/interactions.ts entryId) of the manual entries written for the message. */
  entryIds: string[];
  /** Who logged it first (trusted address or user id). */
  requestedBy: string;
  createdAt: Date;
}

export const manualConfirmationSchema = new Schema<ManualConfirmationDoc>(
  {
    _id: { type: String, required: true, maxlength: 998 },
    entryIds: { type: [String], default: [] },
    requestedBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
// The admin's list of manual entries whose copy never arrived, oldest first.
manualConfirmationSchema.index({ createdAt: 1 });
