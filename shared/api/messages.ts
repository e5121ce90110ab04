// The mail item as the add-in sees it (MessageRef) and POST /log-email, which logs it on demand with the same
// rules as the shared-mailbox loop. Logging is idempotent per message: a second call answers `already_logged`.
import { z } from 'zod/mini';
import { ContactNumber, EntryNumber, Instant, SalespersonCode } from './common.js';

/** An address as Outlook reports it: not validated here, the server's classifier decides what it means. */
export const MessageParty = z.strictObject({
  address: z.string().check(z.maxLength(320)),
  name: z.string().check(z.maxLength(500)),
});
export type MessageParty = z.infer<typeof MessageParty>;

export const MessageRef = z.strictObject({
  internetMessageId: z.string().check(z.minLength(3), z.maxLength(998)),
  subject: z.string().check(z.maxLength(2000)),
  /** Outlook's `dateTimeCreated` of the read item (the add-in API exposes no separate sent time). */
  sentDateTime: Instant,
  from: MessageParty,
  /** Differs from `from` when someone sent on behalf of the mailbox owner. */
  sender: z.optional(MessageParty),
  to: z.array(MessageParty).check(z.maxLength(500)),
  cc: z.array(MessageParty).check(z.maxLength(500)),
  /** REST (Graph) id of the item in the user's mailbox, from `convertToRestId`. */
  itemRestId: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  conversationId: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
});
export type MessageRef = z.infer<typeof MessageRef>;

export const LoggedEntry = z.strictObject({
  entryNumber: EntryNumber,
  contactNumber: ContactNumber,
  salespersonCode: z.nullable(SalespersonCode),
});
export type LoggedEntry = z.infer<typeof LoggedEntry>;

/**
 * POST /log-email (body MessageRef) -> 200. 422 `nothing_to_log`, 409 `privacy_blocked`, 403 `not_a_participant`
 * (the caller neither sent nor received the message, and is no admin).
 */
export const LogEmailResponse = z.strictObject({
  status: z.enum(['logged', 'already_logged']),
  entries: z.array(LoggedEntry).check(z.minLength(1)),
});
export type LogEmailResponse = z.infer<typeof LogEmailResponse>;

/** One message logged by hand that waits for the logging mailbox's copy (which confirms or corrects it). */
export const ManualConfirmation = z.strictObject({
  internetMessageId: z.string(),
  entries: z.int().check(z.gte(0)),
  requestedBy: z.string(),
  requestedAt: Instant,
  /** Older than the review window (MANUAL_CONFIRM_HOURS): the copy never arrived, so look at it by hand. */
  needsReview: z.boolean(),
});

/** GET /logging/manual-confirmations (admin) -> the oldest waits first. */
export const ManualConfirmationList = z.strictObject({
  windowHours: z.int(),
  needsReview: z.int().check(z.gte(0)),
  items: z.array(ManualConfirmation),
});
export type ManualConfirmationList = z.infer<typeof ManualConfirmationList>;
