// What a client needs before anything else: how to sign in (GET /config), a development token when the server
// runs its development issuer (GET /dev/token, GET /dev/jwks), and who the signed-in user is (GET /me).
import { z } from 'zod';
import {
  ClientConfig,
  DevAccounts,
  DevToken,
  DevTokenQuery,
  Me,
  type SignInConfig,
} from '../../../shared/api/config.js';
import { adminApiRoutes, apiRoutes } from '../../../shared/api/routes.js';
import type { DevIssuer } from '../../http/auth/devIssuer.js';
import type { Services } from '../../services/index.js';
import { defineRoute, type RouteSpec } from '../route.js';

export interface SessionOptions {
  clientConfig: SignInConfig;
  /** INTERNAL_DOMAINS: in GET /config (the pane's first lookup needs them before /me answers) and GET /me. */
  internalDomains: readonly string[];
  /** Shown in the pane when a logged email's link is lost; empty: nothing. */
  linkLostHelp?: string;
  /** Present only with AUTH_MODE=dev. */
  devIssuer: DevIssuer | null;
  /** ADMIN_EMAILS: shown as the development sign-in's admin accounts. */
  adminEmails?: readonly string[];
}

/** What GET /config answers, and what the task pane's page carries (server/http/pageConfig.ts). */
export function clientConfigOf(o: Pick<SessionOptions, 'clientConfig' | 'internalDomains'>): ClientConfig {
  return { ...o.clientConfig, internalDomains: [...o.internalDomains] };
}

/** The development sign-in's choices: at most this many, admins first. */
const DEV_ACCOUNTS_SHOWN = 12;

const Jwks = z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())) });

export function sessionRoutes(s: Services, o: SessionOptions): RouteSpec[] {
  const routes: RouteSpec[] = [
    defineRoute({
      name: 'config',
      method: 'get',
      path: apiRoutes.config.path,
      summary: "How the add-in signs in, and the organisation's internal domains",
      tag: 'session',
      access: 'public',
      success: { status: 200, description: 'Sign-in settings and internal domains', schema: ClientConfig },
      handle: () => ({ body: clientConfigOf(o) }),
    }),
    defineRoute({
      name: 'me',
      method: 'get',
      path: apiRoutes.me.path,
      summary: 'The signed-in user, their roles and salesperson code',
      tag: 'session',
      access: 'user',
      success: { status: 200, description: 'The user', schema: Me },
      handle: ({ caller }) => ({
        body: {
          displayName: caller.displayName,
          email: caller.email ?? '',
          roles: caller.roles,
          salespersonCode: caller.salespersonCode,
          internalDomains: [...o.internalDomains],
          ...(o.linkLostHelp ? { linkLostHelp: o.linkLostHelp } : {}),
        },
      }),
    }),
  ];
  const dev = o.devIssuer;
  if (!dev) return routes;
  return [
    ...routes,
    defineRoute({
      name: 'devToken',
      method: 'get',
      path: apiRoutes.devToken.path,
      summary: 'Development only: a token for the given address from the development issuer',
      tag: 'session',
      access: 'public',
      query: DevTokenQuery,
      success: { status: 200, description: 'A bearer token', schema: DevToken },
      async handle({ query }) {
        const [sp] = await s.salespeople.byEmail(query.email);
        return { body: await dev.issue(query.email, sp ? { name: sp.name } : {}) };
      },
    }),
    defineRoute({
      name: 'devAccounts',
      method: 'get',
      path: apiRoutes.devAccounts.path,
      summary: 'Development only: the addresses to sign in as, with the roles each gets',
      tag: 'session',
      access: 'public',
      success: { status: 200, description: 'The accounts', schema: DevAccounts },
      async handle() {
        const accounts = new Map<string, DevAccounts['accounts'][number]>();
        for (const email of o.adminEmails ?? [])
          accounts.set(email, { email, name: '', roles: ['admin'], salespersonCode: null });
        for (const sp of await s.salespeople.list()) {
          if (!sp.active || !sp.email) continue;
          const key = sp.email.toLowerCase();
          const a = accounts.get(key) ?? { email: sp.email, name: '', roles: [], salespersonCode: null };
          accounts.set(key, {
            ...a,
            name: a.name || sp.name,
            roles: [...a.roles, 'salesperson'],
            salespersonCode: sp.code,
          });
        }
        return { body: { accounts: [...accounts.values()].slice(0, DEV_ACCOUNTS_SHOWN) } };
      },
    }),
    defineRoute({
      name: 'devJwks',
      method: 'get',
      path: adminApiRoutes.devJwks.path,
      summary: "Development only: the development issuer's public keys",
      tag: 'session',
      access: 'public',
      success: { status: 200, description: 'A JSON Web Key Set', schema: Jwks },
      handle: () => ({ body: dev.jwks() as z.input<typeof Jwks> }),
    }),
  ];
}
