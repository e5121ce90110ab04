// What the add-in needs before it can call anything: how to sign in and the organisation's domains (GET /config,
// no token), a development token (GET /dev/token, only when the server runs with its development issuer), and
// who the user is (GET /me).
import { z } from 'zod/mini';
import { SalespersonCode } from './common.js';

const EntraSignIn = z.strictObject({
  authMode: z.literal('entra'),
  /** The add-in's (SPA) application id in Entra ID. */
  clientId: z.string().check(z.minLength(1)),
  /** The full scope to request, e.g. "api://<api-client-id>/access_as_user". */
  apiScope: z.string().check(z.minLength(1)),
  /** Absent for multi-tenant set-ups: the add-in then signs in against "organizations". */
  tenantId: z.optional(z.string().check(z.minLength(1))),
});
const DevSignIn = z.strictObject({ authMode: z.literal('dev') });

/** How the add-in signs in (the server's authentication set-up decides). */
export const SignInConfig = z.discriminatedUnion('authMode', [EntraSignIn, DevSignIn]);
export type SignInConfig = z.infer<typeof SignInConfig>;

/** What the task pane needs before its first lookup, besides signing in; no token needed, so asked at once. */
const PaneSettings = {
  /** Lower-case domains of the organisation (as in GET /me): the pane leaves their addresses out of a lookup. */
  internalDomains: z.array(z.string()),
};

/** GET /config (no token): how to sign in, and the settings the pane's first lookup needs. */
export const ClientConfig = z.discriminatedUnion('authMode', [
  z.extend(EntraSignIn, PaneSettings),
  z.extend(DevSignIn, PaneSettings),
]);
export type ClientConfig = z.infer<typeof ClientConfig>;

/** GET /dev/token?email=<address>: the dev user is chosen by email (the Outlook profile's address). */
export const DevTokenQuery = z.strictObject({ email: z.email().check(z.maxLength(254)) });
export type DevTokenQuery = z.infer<typeof DevTokenQuery>;

export const DevToken = z.strictObject({
  access_token: z.string().check(z.minLength(1)),
  /** Lifetime in seconds; the add-in refreshes a little before it runs out. */
  expires_in: z.optional(z.int().check(z.positive())),
});
export type DevToken = z.infer<typeof DevToken>;

export const Role = z.enum(['admin', 'salesperson']);
export type Role = z.infer<typeof Role>;

/** Development only: who one can sign in as to see each role (the bootstrap admins and the salespeople). */
export const DevAccounts = z.strictObject({
  accounts: z.array(
    z.strictObject({
      email: z.string(),
      name: z.string(),
      roles: z.array(Role),
      salespersonCode: z.nullable(z.string()),
    }),
  ),
});
export type DevAccounts = z.infer<typeof DevAccounts>;

export const Me = z.strictObject({
  displayName: z.string(),
  email: z.string(),
  roles: z.array(Role),
  salespersonCode: z.nullable(SalespersonCode),
  /** Lower-case domains of the organisation; addresses on them (or their subdomains) are not participants. */
  internalDomains: z.array(z.string()),
  /** The admin's words for a logged email whose link is lost (who to ask, where old mail goes); absent: none. */
  linkLostHelp: z.optional(z.string()),
});
export type Me = z.infer<typeof Me>;
