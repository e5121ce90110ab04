// Salespeople (the admin console's list, and the pickers of the task pane).
import { z } from 'zod/mini';
import { Instant, SalespersonCode } from './common.js';
import { ProblemFieldError } from './problem.js';

/** An Entra ID tenant or object id (a GUID, compared in lower case). */
export const EntraId = z
  .string()
  .check(z.trim(), z.regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'an Entra ID GUID'));

/** The Entra ID user a salesperson is: role resolution trusts this binding, never an address. */
export const EntraBinding = z.strictObject({ tenantId: EntraId, objectId: EntraId });
export type EntraBinding = z.infer<typeof EntraBinding>;

/** A verified sign-in whose address matched an unbound salesperson, for an admin to confirm. */
export const PendingSignIn = z.strictObject({
  tenantId: z.string(),
  objectId: z.string(),
  displayName: z.string(),
  address: z.string(),
  seenAt: Instant,
});
export type PendingSignIn = z.infer<typeof PendingSignIn>;

export const Salesperson = z.strictObject({
  code: SalespersonCode,
  name: z.string(),
  email: z.nullable(z.string()),
  /** Inactive salespeople are kept for history but never matched by the logging loop. */
  active: z.boolean(),
  /** Exchange X.500 addresses (legacy DNs) Graph may give instead of the email address. */
  x500Addresses: z.array(z.string()),
  /** Who this salesperson is in Entra ID; null until an admin confirms a sign-in or imports the ids. */
  entra: z.nullable(EntraBinding),
  pendingSignIn: z.nullable(PendingSignIn),
});
export type Salesperson = z.infer<typeof Salesperson>;

/**
 * POST /salespeople/{code}/confirm-sign-in -> Salesperson: binds the pending sign-in with this object id.
 * 409 `sign_in_changed` when the pending sign-in is another one (or gone); 409 `entra_bound_elsewhere` when
 * that user already is another salesperson.
 */
export const ConfirmSignInRequest = z.strictObject({ objectId: EntraId });
export type ConfirmSignInRequest = z.infer<typeof ConfirmSignInRequest>;

/** GET /salespeople?search= : code or name prefix (case-insensitive), by code; at most 500. */
export const SalespersonListQuery = z.strictObject({
  search: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
});
export type SalespersonListQuery = z.infer<typeof SalespersonListQuery>;

export const SalespersonList = z.strictObject({ items: z.array(Salesperson) });
export type SalespersonList = z.infer<typeof SalespersonList>;

/** POST /salespeople -> 201 Salesperson; 409 `salesperson_exists` when the code is taken. */
export const CreateSalespersonRequest = z.strictObject({
  code: SalespersonCode,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  email: z.optional(z.email().check(z.maxLength(254))),
  active: z.optional(z.boolean()),
  entra: z.optional(EntraBinding),
});
export type CreateSalespersonRequest = z.infer<typeof CreateSalespersonRequest>;

/** PATCH /salespeople/{code} -> Salesperson. Only the fields given change; null clears the email. */
export const UpdateSalespersonRequest = z.strictObject({
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  email: z.optional(z.nullable(z.email().check(z.maxLength(254)))),
  active: z.optional(z.boolean()),
  /** Binds (or, with null, unbinds) the Entra ID user; 409 `entra_bound_elsewhere` if another has it. */
  entra: z.optional(z.nullable(EntraBinding)),
  /** Replaces the list. Each like "/O=EXCHANGELABS/OU=.../CN=RECIPIENTS/CN=...". */
  x500Addresses: z.optional(
    z
      .array(
        z
          .string()
          .check(
            z.trim(),
            z.maxLength(1024),
            z.regex(/^\/o=.*\/cn=/i, 'an Exchange X.500 address ("/O=.../CN=...")'),
          ),
      )
      .check(z.maxLength(20)),
  ),
});
export type UpdateSalespersonRequest = z.infer<typeof UpdateSalespersonRequest>;

/**
 * POST /salespeople/import and /contacts/import (body text/csv, header row first; see GET .../export for the
 * columns). By default all or nothing: any invalid row -> 422 `import_invalid`, nothing written, with one field
 * error per problem whose `path` is "<line>.<column>" (line 1 is the header). With `?onError=skip` the valid rows
 * are imported and the invalid ones are skipped and reported in `problems` (a bad header is still a 422). Rows
 * with an existing code/number update it, or leave it `unchanged` when the row, read as it would be stored
 * (addresses normalised, blanks as null), equals the stored record. With `?dryRun=true` nothing is written: the
 * report (200 even when rows are invalid) says what the import would do, as `onError=skip` would count it, with
 * the invalid rows in `skipped` and `problems` (the admin console's preview).
 */
export const ImportQuery = z.strictObject({
  onError: z.optional(z.enum(['reject', 'skip'])),
  dryRun: z.optional(z.enum(['true', 'false'])),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportReport = z.strictObject({
  created: z.int().check(z.nonnegative()),
  updated: z.int().check(z.nonnegative()),
  /** Rows equal to the stored record (nothing written for them). */
  unchanged: z.int().check(z.nonnegative()),
  /** `onError=skip` and dry runs only: rows left out (invalid), and why ("<line>.<column>" as in `import_invalid`). */
  skipped: z.optional(z.int().check(z.nonnegative())),
  problems: z.optional(z.array(ProblemFieldError)),
  /** true: a preview (`dryRun=true`); nothing was written. */
  dryRun: z.optional(z.literal(true)),
});
export type ImportReport = z.infer<typeof ImportReport>;
