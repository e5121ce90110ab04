// Interaction log entries and opportunities (Business Central's tables 5065 and 5092, in English).
import { Schema } from 'mongoose';

export interface MessageRefDoc {
  mailbox: string | null;
  internetMessageId: string | null;
  immutableId: string | null;
  webLink: string | null;
  conversationId: string | null;
}

export type ArchiveState = 'pending' | 'archived' | 'not_archived' | 'none';

export interface InteractionDoc {
  /** Derived from (messageKey, contactNumber, salespersonCode): see repositories/interactions.ts entryId. */
  _id?: string;
  entryNumber: number;
  /** internetMessageId, else the provider id: what makes logging idempotent (with contact and salesperson). */
  messageKey: string;
  contactNumber: string;
  contactCompanyNumber: string | null;
  salespersonCode: string | null;
  occurredAt: Date;
  direction: 'inbound' | 'outbound';
  initiatedBy: 'us' | 'them';
  subject: string;
  description: string;
  /** The interaction template the entry was logged with, as it was then (Business Central copies them): its code,
   *  description and interaction group, cost (LCY) and duration (minutes). Null code: logged without one. */
  templateCode: string | null;
  templateDescription?: string | null;
  interactionGroupCode?: string | null;
  cost: number;
  durationMin: number;
  message: MessageRefDoc;
  archiveState: ArchiveState;
  comment: string | null;
  opportunityNumber: string | null;
  canceled: boolean;
  /** Marked private by its salesperson: only they and admins see it in full (domain/visibility.ts). */
  markedPrivate?: boolean;
  /** Graph's sensitivity of the mail (private/confidential ones are stored without subject); null: unknown. */
  sensitivity?: string | null;
  /** Manual entries: 'unconfirmed' until the loop meets the mail's BCC'd copy, whose data then replace the
   *  client's ('confirmed'), or 'rejected' (the archived message does not have this participant). Absent: the
   *  loop wrote it. */
  verification?: 'unconfirmed' | 'confirmed' | 'rejected';
  source: 'loop' | 'manual';
  createdBy: string;
  createdAt: Date;
  /** Set by the link check (jobs/linkCheck.ts): 'lost' when the message is found neither by id nor by
   *  internetMessageId (with the date), 'ok' again once a link was healed. Absent: never found wanting. */
  linkState?: 'ok' | 'lost';
  linkLostAt?: Date | null;
  linkCheckedAt?: Date | null;
}

const messageRefSchema = new Schema<MessageRefDoc>(
  {
    mailbox: { type: String, default: null },
    internetMessageId: { type: String, default: null },
    immutableId: { type: String, default: null },
    webLink: { type: String, default: null },
    conversationId: { type: String, default: null },
  },
  { _id: false },
);

export const interactionSchema = new Schema<InteractionDoc>(
  {
    _id: { type: String },
    entryNumber: { type: Number, required: true },
    messageKey: { type: String, required: true, maxlength: 998 },
    contactNumber: { type: String, required: true },
    contactCompanyNumber: { type: String, default: null },
    salespersonCode: { type: String, default: null },
    occurredAt: { type: Date, required: true },
    direction: { type: String, enum: ['inbound', 'outbound'], required: true },
    initiatedBy: { type: String, enum: ['us', 'them'], required: true },
    subject: { type: String, default: '' },
    description: { type: String, default: '', maxlength: 100 },
    templateCode: { type: String, default: null },
    templateDescription: { type: String, default: null },
    interactionGroupCode: { type: String, default: null },
    cost: { type: Number, default: 0 },
    durationMin: { type: Number, default: 0 },
    message: { type: messageRefSchema, required: true },
    archiveState: { type: String, enum: ['pending', 'archived', 'not_archived', 'none'], default: 'none' },
    comment: { type: String, default: null },
    opportunityNumber: { type: String, default: null },
    canceled: { type: Boolean, default: false },
    markedPrivate: { type: Boolean, default: false },
    sensitivity: { type: String, default: null },
    verification: { type: String, enum: ['unconfirmed', 'confirmed', 'rejected'], default: undefined },
    source: { type: String, enum: ['loop', 'manual'], required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    linkState: { type: String, enum: ['ok', 'lost'], default: undefined },
    linkLostAt: { type: Date, default: undefined },
    linkCheckedAt: { type: Date, default: undefined },
  },
  { strict: 'throw' },
);
// Every index is one more write per logged entry (two on FerretDB with PostgreSQL, which gets a GIN twin for each
// new leading field), so there are only those a query needs.
interactionSchema.index({ entryNumber: 1 }, { unique: true });
// Idempotent logging: the same message is logged once per contact and salesperson, whoever logs it first. The
// _id is derived from the same triple (repositories/interactions.ts entryId); this index holds the rule for any
// other writer too, and serves a message's entries (a handful, sorted in memory).
interactionSchema.index({ messageKey: 1, contactNumber: 1, salespersonCode: 1 }, { unique: true });
// "History of a contact, newest first" (entryNumber breaks ties and serves as the paging cursor).
interactionSchema.index({ contactNumber: 1, occurredAt: -1, entryNumber: -1 });
// The admin console's entry list, newest first, keyset-paged by (occurredAt, entryNumber): all entries, or one
// salesperson's (one contact's uses the history index above). Their prefixes serve the queries by occurredAt or by
// salesperson alone: no index of their own (every index is one more write per logged entry).
interactionSchema.index({ occurredAt: -1, entryNumber: -1 });
interactionSchema.index({ salespersonCode: 1, occurredAt: -1, entryNumber: -1 });

/** Indexes earlier versions declared and none of today's queries use: dropped at start-up (ensureIndexes), so an
 *  upgraded database stops paying a write for each of them on every logged entry. */
export const RETIRED_INTERACTION_INDEXES = [
  'messageKey_1_entryNumber_1',
  'archiveState_1_message.mailbox_1',
  'opportunityNumber_1',
  'contactCompanyNumber_1',
  'salespersonCode_1_occurredAt_-1',
  'occurredAt_-1',
] as const;

export interface OpportunityDoc {
  number: string;
  description: string;
  contactNumber: string;
  contactCompanyNumber: string | null;
  salespersonCode: string | null;
  salesCycleCode: string;
  status: 'open' | 'won' | 'lost';
  estimatedValue: number | null;
  expectedCloseDate: Date | null;
  sourceEntryNumber: number | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const opportunitySchema = new Schema<OpportunityDoc>(
  {
    number: { type: String, required: true },
    description: { type: String, required: true, maxlength: 100 },
    contactNumber: { type: String, required: true },
    contactCompanyNumber: { type: String, default: null },
    salespersonCode: { type: String, default: null },
    salesCycleCode: { type: String, required: true },
    status: { type: String, enum: ['open', 'won', 'lost'], default: 'open' },
    estimatedValue: { type: Number, default: null, min: 0 },
    expectedCloseDate: { type: Date, default: null },
    sourceEntryNumber: { type: Number, default: null },
    createdBy: { type: String, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
opportunitySchema.index({ number: 1 }, { unique: true });
opportunitySchema.index({ contactNumber: 1, status: 1 });
opportunitySchema.index({ status: 1, createdAt: -1 });
// Lists newest first, keyset-paged by (createdAt, number): per contact (also the lookup's open ones), per
// salesperson, per status, or all.
opportunitySchema.index({ contactNumber: 1, status: 1, createdAt: -1, number: -1 });
opportunitySchema.index({ contactNumber: 1, createdAt: -1, number: -1 });
opportunitySchema.index({ salespersonCode: 1, status: 1, createdAt: -1, number: -1 });
opportunitySchema.index({ salespersonCode: 1, createdAt: -1, number: -1 });
opportunitySchema.index({ status: 1, createdAt: -1, number: -1 });
opportunitySchema.index({ createdAt: -1, number: -1 });
