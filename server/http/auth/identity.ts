// Who is calling: what a verified token says (VerifiedIdentity) and what Interlog makes of it (Caller, with
// roles). Verifiers (Entra ID, the development issuer) produce identities; the resolver adds the roles.
import { normalizeAddress } from '../../../shared/email.js';
import type { Role } from '../../../shared/api/config.js';
import type { Salesperson } from '../../repositories/masterData.js';

/** The Entra ID app role that makes a user an admin (besides ADMIN_EMAILS). */
export const ADMIN_APP_ROLE = 'Interlog.Admin';

export interface VerifiedIdentity {
  /** Stable user id: `${tid}:${oid}`. */
  userId: string;
  tenantId: string;
  /** Normalised address (email, else preferred_username/upn), null when the token has none. */
  email: string | null;
  displayName: string;
  appRoles: string[];
}

export interface TokenVerifier {
  /** Throws AuthFailure when the token is not acceptable. */
  verify(token: string): Promise<VerifiedIdentity>;
}

export type AuthFailureKind = 'invalid_token' | 'insufficient_scope' | 'unavailable';

/** Why a token was refused; the message goes to the log only (callers learn the kind). */
export class AuthFailure extends Error {
  constructor(
    readonly kind: AuthFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'AuthFailure';
  }
}

export interface Caller {
  userId: string;
  tenantId: string;
  email: string | null;
  displayName: string;
  roles: Role[];
  salespersonCode: string | null;
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: 'anonymous',
  tenantId: '',
  email: null,
  displayName: '',
  roles: [],
  salespersonCode: null,
});

export function addressFromClaims(claims: Record<string, unknown>): string | null {
  for (const key of ['email', 'preferred_username', 'upn']) {
    const value = claims[key];
    if (typeof value === 'string') {
      const address = normalizeAddress(value);
      if (address) return address;
    }
  }
  return null;
}

export interface CallerResolverOptions {
  adminEmails: readonly string[];
  salespersonByEmail: (email: string) => Promise<Salesperson | null>;
  now: () => number;
  /** Role look-ups are cached this long per user (a salesperson edit shows up after at most this). */
  cacheMs?: number;
}

/** Adds roles to identities: admin by app role or configured address, salesperson by address. */
export function createCallerResolver(o: CallerResolverOptions): (id: VerifiedIdentity) => Promise<Caller> {
  const admins = new Set(o.adminEmails.map((e) => e.toLowerCase()));
  const cacheMs = o.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; code: string | null }>();
  return async (id) => {
    let code: string | null = null;
    if (id.email) {
      const key = `${id.userId}|${id.email}`;
      const hit = cache.get(key);
      if (hit && o.now() - hit.at < cacheMs) code = hit.code;
      else {
        const sp = await o.salespersonByEmail(id.email);
        code = sp && sp.active ? sp.code : null;
        if (cache.size > 10_000) cache.clear();
        cache.set(key, { at: o.now(), code });
      }
    }
    const roles: Role[] = [];
    if (id.appRoles.includes(ADMIN_APP_ROLE) || (id.email !== null && admins.has(id.email)))
      roles.push('admin');
    if (code !== null) roles.push('salesperson');
    return { ...id, roles, salespersonCode: code };
  };
}
