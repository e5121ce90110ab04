// Building blocks of the add-in <-> server contract. Validation only (at most a `z.trim()`), no type-changing
// transforms or defaults, so input and output types are the same and both sides use `z.infer`. Limits mirror
// the stored records.
// `iso` is imported by name: webpack 5.113 compiles the member chain `z.iso.date()` to `z.date()` (the names
// collide across zod's namespace re-exports), so the add-in bundle would demand Date objects. Never write
// `z.iso.` in shared/ (test/addin/api/contract.test.ts checks).
import { iso, z } from 'zod/mini';

/** Business Central style contact number, e.g. "CT000123". */
export const ContactNumber = z.string().check(z.minLength(1), z.maxLength(20));
/** Salesperson code: upper-case letters, digits, `_` and `-` (as stored). */
export const SalespersonCode = z.string().check(z.minLength(1), z.maxLength(20), z.regex(/^[A-Z0-9_-]+$/));
export const OpportunityNumber = z.string().check(z.minLength(1), z.maxLength(20));
/** Interaction log entry number (positive integer, assigned from a number series). */
export const EntryNumber = z.int().check(z.positive());
/** An instant, ISO 8601 with `Z` or an offset, e.g. "2025-03-01T09:30:00.000Z". */
export const Instant = iso.datetime({ offset: true });
/** A calendar date, "YYYY-MM-DD". */
export const CalendarDate = iso.date();
/** Links the add-in may open: https only, so a stored value can never become a `javascript:` URL. */
export const HttpsUrl = z.url({ protocol: /^https$/ });
/** Addresses the add-in collected from a mail item: loosely checked, the server normalises and classifies. */
export const MailAddressText = z
  .string()
  .check(z.minLength(3), z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+$/, 'not an email address'));
/** Opaque paging cursor handed out by the server. */
export const Cursor = z.string().check(z.minLength(1), z.maxLength(500));

export const SalespersonRef = z.strictObject({
  code: SalespersonCode,
  name: z.string().check(z.maxLength(100)),
});
export type SalespersonRef = z.infer<typeof SalespersonRef>;

export const Direction = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof Direction>;
