// The link check's one state document (_id "link-check"): where the pass in progress stands (a keyset position,
// so a stopped run resumes there), the hourly Graph-request budget spent so far, and counts for the console.
// Written by _id only, by the holder of the job's lease.
import { Schema } from 'mongoose';

export interface LinkCheckCounts {
  /** Messages asked about (one GET per message, whatever its number of entries). */
  checked: number;
  /** Found where their link says, link unchanged. */
  ok: number;
  /** Found by id with a different webLink: the link was updated. */
  updated: number;
  /** Not found by id, found by internetMessageId: every entry got the new id and link. */
  healed: number;
  /** Found neither way: entries marked link lost. */
  lost: number;
  /** Entries passed over: no link, already lost, already checked in this pass, or their mailbox not set up. */
  skipped: number;
}

export interface LinkCheckRunDoc {
  startedAt: Date;
  finishedAt: Date;
  requests: number;
  counts: LinkCheckCounts;
  /** done: the pass reached the oldest entry; budget: the hour's requests are spent; more: the run's share. */
  stoppedBy: 'done' | 'budget' | 'more' | 'error' | 'stopped';
  error: { code: string; message: string } | null;
}

export interface LinkCheckDoc {
  _id: string;
  /** The last entry the pass dealt with (newest first); null: the next pass starts at the newest entry. */
  cursor: { occurredAt: Date; entryNumber: number } | null;
  passStartedAt: Date | null;
  lastPassFinishedAt: Date | null;
  /** Graph requests spent in the hour that started at `startedAt`. */
  window: { startedAt: Date; requests: number } | null;
  pass: LinkCheckCounts;
  totals: LinkCheckCounts;
  lastRun: LinkCheckRunDoc | null;
}

const counts = {
  checked: { type: Number, default: 0 },
  ok: { type: Number, default: 0 },
  updated: { type: Number, default: 0 },
  healed: { type: Number, default: 0 },
  lost: { type: Number, default: 0 },
  skipped: { type: Number, default: 0 },
};
const countsSchema = new Schema<LinkCheckCounts>(counts, { _id: false });

export const linkCheckSchema = new Schema<LinkCheckDoc>(
  {
    _id: { type: String, required: true },
    cursor: { type: new Schema({ occurredAt: Date, entryNumber: Number }, { _id: false }), default: null },
    passStartedAt: { type: Date, default: null },
    lastPassFinishedAt: { type: Date, default: null },
    window: { type: new Schema({ startedAt: Date, requests: Number }, { _id: false }), default: null },
    pass: { type: countsSchema, default: () => ({}) },
    totals: { type: countsSchema, default: () => ({}) },
    lastRun: {
      type: new Schema(
        {
          startedAt: Date,
          finishedAt: Date,
          requests: Number,
          counts: countsSchema,
          stoppedBy: { type: String, enum: ['done', 'budget', 'more', 'error', 'stopped'] },
          error: { type: new Schema({ code: String, message: String }, { _id: false }), default: null },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { strict: 'throw' },
);
