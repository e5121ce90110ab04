// Opportunities ("Salgsmuligheder"): open ones per contact in the lookup, and POST /opportunities.
import { z } from 'zod';
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
  salespersonCode: SalespersonCode.nullable(),
  estimatedValue: z.number().nonnegative().nullable(),
  expectedCloseDate: CalendarDate.nullable(),
  createdAt: Instant,
  /** metadata: someone else's (visibility model `owner`): no description, value or close date. */
  visibility: z.enum(['full', 'metadata']),
});
export type OpportunitySummary = z.infer<typeof OpportunitySummary>;

export const Opportunity = OpportunitySummary.extend({
  contactNumber: ContactNumber,
  contactCompanyNumber: ContactNumber.nullable(),
  /** The interaction log entry it was created from (that entry now carries this opportunity's number). */
  sourceEntryNumber: EntryNumber.nullable(),
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
    fromEntryNumber: EntryNumber.optional(),
    fromMessage: MessageRef.optional(),
    contactNumber: ContactNumber,
    description: z.string().trim().min(1).max(100),
    salespersonCode: SalespersonCode.optional(),
    estimatedValue: z.number().nonnegative().max(1e12).optional(),
    expectedCloseDate: CalendarDate.optional(),
  })
  .refine((r) => r.fromEntryNumber === undefined || r.fromMessage === undefined, {
    message: 'give fromEntryNumber or fromMessage, not both',
    path: ['fromMessage'],
  });
export type CreateOpportunityRequest = z.infer<typeof CreateOpportunityRequest>;

/**
 * GET /opportunities?status=&contactNumber=&salespersonCode=&cursor=&limit= (limit 1..100, default 50), newest
 * first. `contactNumber` and `salespersonCode` cannot be combined.
 */
export const OpportunityListQuery = z
  .strictObject({
    status: OpportunityStatus.optional(),
    contactNumber: ContactNumber.optional(),
    salespersonCode: SalespersonCode.optional(),
    cursor: z.string().min(1).max(500).optional(),
    limit: z
      .string()
      .regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100')
      .optional(),
  })
  .refine((q) => q.contactNumber === undefined || q.salespersonCode === undefined, {
    message: 'filter by contactNumber or salespersonCode, not both',
    path: ['salespersonCode'],
  });
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;

export const OpportunityPage = z.strictObject({
  items: z.array(Opportunity),
  nextCursor: z.string().nullable(),
});
export type OpportunityPage = z.infer<typeof OpportunityPage>;

/** PATCH /opportunities/{number} -> Opportunity. Only the fields given change; null clears. */
export const UpdateOpportunityRequest = z.strictObject({
  description: z.string().trim().min(1).max(100).optional(),
  status: OpportunityStatus.optional(),
  salespersonCode: SalespersonCode.nullable().optional(),
  estimatedValue: z.number().nonnegative().max(1e12).nullable().optional(),
  expectedCloseDate: CalendarDate.nullable().optional(),
});
export type UpdateOpportunityRequest = z.infer<typeof UpdateOpportunityRequest>;
