// Salespeople (the admin console's list, and the pickers of the task pane).
import { z } from 'zod';
import { SalespersonCode } from './common.js';
import { ProblemFieldError } from './problem.js';

export const Salesperson = z.strictObject({
  code: SalespersonCode,
  name: z.string(),
  email: z.string().nullable(),
  /** Inactive salespeople are kept for history but never matched by the logging loop. */
  active: z.boolean(),
  /** Exchange X.500 addresses (legacy DNs) Graph may give instead of the email address. */
  x500Addresses: z.array(z.string()),
});
export type Salesperson = z.infer<typeof Salesperson>;

/** GET /salespeople?search= : code or name prefix (case-insensitive), by code; at most 500. */
export const SalespersonListQuery = z.strictObject({
  search: z.string().trim().min(1).max(100).optional(),
});
export type SalespersonListQuery = z.infer<typeof SalespersonListQuery>;

export const SalespersonList = z.strictObject({ items: z.array(Salesperson) });
export type SalespersonList = z.infer<typeof SalespersonList>;

/** POST /salespeople -> 201 Salesperson; 409 `salesperson_exists` when the code is taken. */
export const CreateSalespersonRequest = z.strictObject({
  code: SalespersonCode,
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254).optional(),
  active: z.boolean().optional(),
});
export type CreateSalespersonRequest = z.infer<typeof CreateSalespersonRequest>;

/** PATCH /salespeople/{code} -> Salesperson. Only the fields given change; null clears the email. */
export const UpdateSalespersonRequest = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).nullable().optional(),
  active: z.boolean().optional(),
  /** Replaces the list. Each like "/O=EXCHANGELABS/OU=.../CN=RECIPIENTS/CN=...". */
  x500Addresses: z
    .array(
      z
        .string()
        .trim()
        .max(1024)
        .regex(/^\/o=.*\/cn=/i, 'an Exchange X.500 address ("/O=.../CN=...")'),
    )
    .max(20)
    .optional(),
});
export type UpdateSalespersonRequest = z.infer<typeof UpdateSalespersonRequest>;

/**
 * POST /salespeople/import and /contacts/import (body text/csv, header row first; see GET .../export for the
 * columns). By default all or nothing: any invalid row -> 422 `import_invalid`, nothing written, with one field
 * error per problem whose `path` is "<line>.<column>" (line 1 is the header). With `?onError=skip` the valid rows
 * are imported and the invalid ones are skipped and reported in `problems` (a bad header is still a 422). Rows
 * with an existing code/number update it.
 */
export const ImportQuery = z.strictObject({ onError: z.enum(['reject', 'skip']).optional() });
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportReport = z.strictObject({
  created: z.int().nonnegative(),
  updated: z.int().nonnegative(),
  /** `onError=skip` only: rows left out, and why ("<line>.<column>" as in `import_invalid`). */
  skipped: z.int().nonnegative().optional(),
  problems: z.array(ProblemFieldError).optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;
