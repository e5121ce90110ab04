// The columns of the salespeople and contacts CSV files and the zod rules each cell is read with (services/
// transfers.ts imports and exports with them): one place that says what a valid row is.
import { z } from 'zod';
import type { Contact } from '../repositories/masterData.js';
import { normalizeAddress } from '../../shared/email.js';

/** entraTenantId/entraObjectId bind a salesperson to an Entra ID user (import: both or neither). */
export const SALESPERSON_COLUMNS = [
  'code',
  'name',
  'email',
  'active',
  'entraTenantId',
  'entraObjectId',
] as const;
export const entraId = z.union([
  z.literal('').transform(() => null),
  z
    .string()
    .regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'An Entra ID GUID')
    .transform((g) => g.toLowerCase()),
]);
export const CONTACT_COLUMNS = [
  'number',
  'kind',
  'name',
  'companyNumber',
  'companyName',
  'email',
  'alternateEmails',
  'phone',
  'salespersonCode',
  'privacyBlocked',
] as const;

export const blankToNull = (s: string) => (s === '' ? null : s);
export const text = (max: number) => z.string().max(max).transform(blankToNull);
export const required = (max: number) => z.string().min(1, 'A value is required').max(max);
export const address = z.string().transform((s, ctx) => {
  if (s === '') return null;
  const a = normalizeAddress(s);
  if (!a) ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 60)}" is not an email address` });
  return a;
});
export const addresses = z.string().transform((s, ctx) => {
  const parts = s
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 20) ctx.addIssue({ code: 'custom', message: 'At most 20 alternate addresses' });
  return parts.map((p) => {
    const a = normalizeAddress(p);
    if (!a) ctx.addIssue({ code: 'custom', message: `"${p.slice(0, 60)}" is not an email address` });
    return a ?? '';
  });
});
export const flag = (fallback: boolean) =>
  z
    .string()
    .toLowerCase()
    .refine((s) => ['', 'true', 'false', 'yes', 'no', '1', '0'].includes(s), 'Write true or false')
    .transform((s) => (s === '' ? fallback : ['true', 'yes', '1'].includes(s)));
export const code = z.string().regex(/^[A-Z0-9_-]{1,20}$/, 'Upper-case letters, digits, _ and -, at most 20');
export const optionalCode = z.union([z.literal('').transform(() => null), code]);

export type ContactRow = Omit<Contact, 'number'> & { number: string | null };
