// The audit log (append-only: the repository has no update or delete), the opaque audit ids of contacts, and
// the retention setting with its job's progress.
import { Schema } from 'mongoose';

export interface AuditDoc {
  /** Random; with `at` the keyset of the newest-first list. */
  _id: string;
  at: Date;
  userId: string;
  userName: string;
  userEmail: string | null;
  roles: string[];
  client: string | null;
  action: string;
  targetType: string;
  /** A contact's is its audit subject id, never its number. */
  targetId: string;
  /** The audit subject id of the contact the line is about (its own, its entry's, its opportunity's). */
  subject: string | null;
  /** Checked against the action's closed schema (shared/api/audit.ts) before it is written. */
  detail: Record<string, unknown>;
}

export const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    userId: { type: String, required: true, maxlength: 200 },
    userName: { type: String, default: '', maxlength: 200 },
    userEmail: { type: String, default: null, maxlength: 254 },
    roles: { type: [String], default: [] },
    client: { type: String, default: null, maxlength: 100 },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true, maxlength: 254 },
    subject: { type: String, default: null },
    detail: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { strict: 'throw', versionKey: false, minimize: false },
);
// The console's list, newest first, keyset-paged by (at, _id): all lines, or filtered by one of these.
auditSchema.index({ at: -1, _id: -1 });
auditSchema.index({ action: 1, at: -1, _id: -1 });
auditSchema.index({ userId: 1, at: -1, _id: -1 });
auditSchema.index({ userEmail: 1, at: -1, _id: -1 });
auditSchema.index({ targetType: 1, targetId: 1, at: -1, _id: -1 });
// A contact's lines (its export, the list filtered by contact).
auditSchema.index({ subject: 1, at: -1, _id: -1 });

/**
 * A contact's opaque audit id. Audit lines name contacts only by it; erasing the contact deletes this mapping,
 * so its lines stay (the log is append-only) but nothing links them to the person any more.
 */
export interface AuditSubjectDoc {
  _id: string; // random UUID
  contactNumber: string;
  createdAt: Date;
}

export const auditSubjectSchema = new Schema<AuditSubjectDoc>(
  {
    _id: { type: String, required: true },
    contactNumber: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
// One id per contact: two first audits of the same contact race on this, the loser reads the winner's.
auditSubjectSchema.index({ contactNumber: 1 }, { unique: true });

/** The deployment's retention setting and its job's progress: one document, _id "retention". */
export interface RetentionDoc {
  _id: string;
  months: number | null;
  updatedAt: Date | null;
  updatedBy: string | null;
  lastRun: {
    startedAt: Date;
    finishedAt: Date | null;
    cutoff: Date;
    deleted: number;
    more: boolean;
  } | null;
  totalDeleted: number;
}

export const retentionSchema = new Schema<RetentionDoc>(
  {
    _id: { type: String, required: true },
    months: { type: Number, default: null, min: 1, max: 600 },
    updatedAt: { type: Date, default: null },
    updatedBy: { type: String, default: null },
    lastRun: {
      type: new Schema(
        {
          startedAt: { type: Date, required: true },
          finishedAt: { type: Date, default: null },
          cutoff: { type: Date, required: true },
          deleted: { type: Number, default: 0 },
          more: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    totalDeleted: { type: Number, default: 0 },
  },
  { strict: 'throw', versionKey: false },
);
