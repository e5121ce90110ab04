// Path parameters shared by several resources (strict objects like every other input).
import { z } from 'zod';
import { ContactNumber, OpportunityNumber, SalespersonCode } from '../../shared/api/common.js';
import { normalizeAddress } from '../../shared/email.js';

export const EntryNumberParams = z.strictObject({
  entryNumber: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'a positive integer')
    .transform(Number),
});

export const ContactNumberParams = z.strictObject({ number: ContactNumber });
export const OpportunityNumberParams = z.strictObject({ number: OpportunityNumber });
export const SalespersonCodeParams = z.strictObject({ code: SalespersonCode });

export const MailboxParams = z.strictObject({
  mailbox: z
    .string()
    .max(254)
    .transform((s, ctx) => {
      const a = normalizeAddress(s);
      if (!a) ctx.addIssue({ code: 'custom', message: 'not an email address' });
      return a ?? '';
    }),
});

/** "limit" query values arrive as text; the schema already checked the range. */
export const limitOf = (raw: string | undefined, fallback: number): number => (raw ? Number(raw) : fallback);

/** A CSV upload (text/csv); the parser reports what is wrong inside it. */
export const CsvBody = z.string({ error: 'a text/csv body is required' }).min(1, 'the file is empty');
