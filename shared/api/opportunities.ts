// Opportunities ("Salgsmuligheder"): open ones per contact in the lookup, and POST /opportunities.
import { z } from 'zod/mini';
import {
  CalendarDate,
  ContactNumber,
  EntryNumber,
  Instant,
  OpportunityNumber,
  SalespersonCode,
} from './common.js';
import { MessageRef } from './messages.js';

export const OpportunityStatus = z.enum(['open', 'won', 'lost']);
export type OpportunityStatus = z.infer<typeof OpportunityStatus>;

export const OpportunitySummary = z.strictObject({
  number: OpportunityNumber,
  description: z.string(),
  status: OpportunityStatus,
  salespersonCode: z.nullable(SalespersonCode),
  estimatedValue: z.nullable(z.number().check(z.nonnegative())),
  expectedCloseDate: z.nullable(CalendarDate),
  createdAt: Instant,
  /** metadata: someone else's (visibility model `owner`): no description, value or close date. */
  visibility: z.enum(['full', 'metadata']),
});
export type OpportunitySummary = z.infer<typeof OpportunitySummary>;

export const Opportunity = z.extend(OpportunitySummary, {
  contactNumber: ContactNumber,
  contactCompanyNumber: z.nullable(ContactNumber),
  /** The interaction log entry it was created from (that entry now carries this opportunity's number). */
  sourceEntryNumber: z.nullable(EntryNumber),
});
export type Opportunity = z.infer<typeof Opportunity>;

/**
 * POST /opportunities -> 201 Opportunity.
 * - `fromEntryNumber`: from an interaction log entry (Business Central's "Create opportunity"); the entry gets
 *   the new number. 409 `entry_canceled` / `already_linked`.
 * - `fromMessage`: from the open mail; the server logs it first if needed (as POST /log-email) and links the
 *   entry of `contactNumber`.
 * - neither: a plain opportunity for the contact. Both at once is invalid.
 * 409 `privacy_blocked` for a privacy-blocked contact. `salespersonCode` defaults to the user's salesperson.
 */
export const CreateOpportunityRequest = z
  .strictObject({
    fromEntryNumber: z.optional(EntryNumber),
    fromMessage: z.optional(MessageRef),
    contactNumber: ContactNumber,
    description: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    salespersonCode: z.optional(SalespersonCode),
    estimatedValue: z.optional(z.number().check(z.nonnegative(), z.lte(1e12))),
    expectedCloseDate: z.optional(CalendarDate),
  })
  .check(
    z.refine((r) => r.fromEntryNumber === undefined || r.fromMessage === undefined, {
      message: 'give fromEntryNumber or fromMessage, not both',
      path: ['fromMessage'],
    }),
  );
export type CreateOpportunityRequest = z.infer<typeof CreateOpportunityRequest>;

/**
 * GET /opportunities?status=&contactNumber=&salespersonCode=&cursor=&limit= (limit 1..100, default 50), newest
 * first. `contactNumber` and `salespersonCode` cannot be combined.
 */
export const OpportunityListQuery = z
  .strictObject({
    status: z.optional(OpportunityStatus),
    contactNumber: z.optional(ContactNumber),
    salespersonCode: z.optional(SalespersonCode),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
    limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100'))),
  })
  .check(
    z.refine((q) => q.contactNumber === undefined || q.salespersonCode === undefined, {
      message: 'filter by contactNumber or salespersonCode, not both',
      path: ['salespersonCode'],
    }),
  );
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;

export const OpportunityPage = z.strictObject({
  items: z.array(Opportunity),
  nextCursor: z.nullable(z.string()),
});
export type OpportunityPage = z.infer<typeof OpportunityPage>;

/** PATCH /opportunities/{number} -> Opportunity. Only the fields given change; null clears. */
export const UpdateOpportunityRequest = z.strictObject({
  description: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  status: z.optional(OpportunityStatus),
  salespersonCode: z.optional(z.nullable(SalespersonCode)),
  estimatedValue: z.optional(z.nullable(z.number().check(z.nonnegative(), z.lte(1e12)))),
  expectedCloseDate: z.optional(z.nullable(CalendarDate)),
});
export type UpdateOpportunityRequest = z.infer<typeof UpdateOpportunityRequest>;
