// Contacts as the task pane shows them, and POST /contacts ("Add as contact" for an unknown sender).
import { z } from 'zod/mini';
import { ContactNumber, SalespersonCode, SalespersonRef } from './common.js';

export const ContactKind = z.enum(['person', 'company']);
export type ContactKind = z.infer<typeof ContactKind>;

export const ContactCard = z.strictObject({
  number: ContactNumber,
  name: z.string(),
  kind: ContactKind,
  /** For a person: the company contact it belongs to (null when none, and for companies). */
  companyNumber: z.nullable(ContactNumber),
  companyName: z.nullable(z.string()),
  /** Primary email; a contact matched through an alternate address still shows its primary one. */
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  salesperson: z.nullable(SalespersonRef),
  /** Privacy blocked: shown, but no history details, logging or opportunities. */
  privacyBlocked: z.boolean(),
});
export type ContactCard = z.infer<typeof ContactCard>;

/** POST /contacts -> 201 ContactCard; 409 `contact_exists` when the address already belongs to a contact. */
export const CreateContactRequest = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  kind: ContactKind,
  email: z.email().check(z.maxLength(254)),
  /** For a person: company name; the server finds or creates the company contact. */
  companyName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  phone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(30))),
  /** Defaults to the signed-in user's salesperson. */
  salespersonCode: z.optional(SalespersonCode),
  /** Further addresses of the same contact (admin console). */
  alternateEmails: z.optional(z.array(z.email().check(z.maxLength(254))).check(z.maxLength(20))),
});
export type CreateContactRequest = z.infer<typeof CreateContactRequest>;

/** Alternate addresses of a contact (matched like its primary email; Business Central's "Contact Alt. Address"). */
export const AlternateEmails = z.array(z.email().check(z.maxLength(254))).check(z.maxLength(20));

/** A contact with everything an admin edits (GET /contacts, GET /contacts/{number}, PATCH /contacts/{number}). */
export const ContactDetail = z.extend(ContactCard, { alternateEmails: z.array(z.string()) });
export type ContactDetail = z.infer<typeof ContactDetail>;

/**
 * GET /contacts?search=&cursor=&limit= (limit 1..100, default 50). `search`: an address (primary or alternate),
 * a contact number, or the start of a name (case-insensitive). Without `search`: every contact by number.
 */
export const ContactListQuery = z.strictObject({
  search: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100'))),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactPage = z.strictObject({
  items: z.array(ContactDetail),
  nextCursor: z.nullable(z.string()),
});
export type ContactPage = z.infer<typeof ContactPage>;

/**
 * PATCH /contacts/{number} -> ContactDetail. Only the fields given change; null clears. `privacyBlocked` may
 * only be changed by an admin (403 `forbidden`). 409 `contact_exists` when `email` belongs to another contact.
 */
export const UpdateContactRequest = z.strictObject({
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  alternateEmails: z.optional(AlternateEmails),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(30)))),
  companyName: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))),
  salespersonCode: z.optional(z.nullable(SalespersonCode)),
  privacyBlocked: z.optional(z.boolean()),
});
export type UpdateContactRequest = z.infer<typeof UpdateContactRequest>;
