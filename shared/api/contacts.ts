// Contacts as the task pane shows them, and POST /contacts ("Add as contact" for an unknown sender).
import { z } from 'zod';
import { ContactNumber, SalespersonCode, SalespersonRef } from './common.js';

export const ContactKind = z.enum(['person', 'company']);
export type ContactKind = z.infer<typeof ContactKind>;

export const ContactCard = z.strictObject({
  number: ContactNumber,
  name: z.string(),
  kind: ContactKind,
  /** For a person: the company contact it belongs to (null when none, and for companies). */
  companyNumber: ContactNumber.nullable(),
  companyName: z.string().nullable(),
  /** Primary email; a contact matched through an alternate address still shows its primary one. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  salesperson: SalespersonRef.nullable(),
  /** Privacy blocked: shown, but no history details, logging or opportunities. */
  privacyBlocked: z.boolean(),
});
export type ContactCard = z.infer<typeof ContactCard>;

/** POST /contacts -> 201 ContactCard; 409 `contact_exists` when the address already belongs to a contact. */
export const CreateContactRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: ContactKind,
  email: z.email().max(254),
  /** For a person: company name; the server finds or creates the company contact. */
  companyName: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().min(1).max(30).optional(),
  /** Defaults to the signed-in user's salesperson. */
  salespersonCode: SalespersonCode.optional(),
  /** Further addresses of the same contact (admin console). */
  alternateEmails: z.array(z.email().max(254)).max(20).optional(),
});
export type CreateContactRequest = z.infer<typeof CreateContactRequest>;

/** Alternate addresses of a contact (matched like its primary email; Business Central's "Contact Alt. Address"). */
export const AlternateEmails = z.array(z.email().max(254)).max(20);

/** A contact with everything an admin edits (GET /contacts, GET /contacts/{number}, PATCH /contacts/{number}). */
export const ContactDetail = ContactCard.extend({ alternateEmails: z.array(z.string()) });
export type ContactDetail = z.infer<typeof ContactDetail>;

/**
 * GET /contacts?search=&cursor=&limit= (limit 1..100, default 50). `search`: an address (primary or alternate),
 * a contact number, or the start of a name (case-insensitive). Without `search`: every contact by number.
 */
export const ContactListQuery = z.strictObject({
  search: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: z
    .string()
    .regex(/^([1-9]|[1-9][0-9]|100)$/, 'an integer 1..100')
    .optional(),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactPage = z.strictObject({
  items: z.array(ContactDetail),
  nextCursor: z.string().nullable(),
});
export type ContactPage = z.infer<typeof ContactPage>;

/**
 * PATCH /contacts/{number} -> ContactDetail. Only the fields given change; null clears. `privacyBlocked` may
 * only be changed by an admin (403 `forbidden`). 409 `contact_exists` when `email` belongs to another contact.
 */
export const UpdateContactRequest = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).nullable().optional(),
  alternateEmails: AlternateEmails.optional(),
  phone: z.string().trim().min(1).max(30).nullable().optional(),
  companyName: z.string().trim().min(1).max(100).nullable().optional(),
  salespersonCode: SalespersonCode.nullable().optional(),
  privacyBlocked: z.boolean().optional(),
});
export type UpdateContactRequest = z.infer<typeof UpdateContactRequest>;
