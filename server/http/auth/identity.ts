// Who is calling: what a verified token says (VerifiedIdentity) and what Interlog makes of it (Caller, with
// roles). Verifiers (Entra ID, the development issuer) produce identities; the resolver adds the roles.
// Users are bound by tenant id + object id, never by an address a tenant or a guest can set:
// - admin: the app role `Interlog.Admin`; or an ADMIN_EMAILS address proven by a verified claim (claims.ts),
//   a bootstrap that ends for good once any token carrying the app role has been seen;
// - salesperson: the salesperson bound to the token's tid+oid; a salesperson not bound yet is matched by a
//   verified address, and the match is recorded as pending for an admin to confirm (which binds it).
import type { Role } from '../../../shared/api/config.js';

/** The Entra ID app role that makes a user (or an allow-listed app) an admin. */
export const ADMIN_APP_ROLE = 'Interlog.Admin';

export interface VerifiedIdentity {
  /** Stable user id: `${tid}:${oid}`. */
  userId: string;
  tenantId: string;
  objectId: string;
  /** A user's delegated token, or an allow-listed app's own token (`idtyp=app`). */
  kind: 'user' | 'app';
  /** An address a verified claim proves (claims.ts verifiedAddressOf), normalised; else null. */
  verifiedEmail: string | null;
  /** Any address the token names; shown to the user, never used to decide anything. */
  shownEmail: string | null;
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
  /**
   * An address Interlog trusts for this caller: the verified claim's, else the bound salesperson's recorded
   * one; null otherwise. Safe for decisions (participant checks, audit).
   */
  email: string | null;
  displayName: string;
  roles: Role[];
  salespersonCode: string | null;
  kind: 'user' | 'app' | 'anonymous';
}

export const ANONYMOUS: Caller = Object.freeze({
  userId: 'anonymous',
  tenantId: '',
  email: null,
  displayName: '',
  roles: [],
  salespersonCode: null,
  kind: 'anonymous',
});

/** A salesperson as role resolution sees it (repositories/identities.ts). */
export interface IdentitySalesperson {
  code: string;
  email: string | null;
  active: boolean;
  entraTenantId: string | null;
  entraObjectId: string | null;
  pendingSignIn: { tenantId: string; objectId: string } | null;
}

export interface PendingSignIn {
  tenantId: string;
  objectId: string;
  displayName: string;
  address: string;
  seenAt: Date;
}

/** What role resolution reads and notes in the database. */
export interface IdentityStore {
  salespersonByObject(tenantId: string, objectId: string): Promise<IdentitySalesperson | null>;
  salespersonByEmail(email: string): Promise<IdentitySalesperson | null>;
  /** Records a verified sign-in of a salesperson not bound yet, for an admin to confirm. */
  notePendingSignIn(code: string, signIn: PendingSignIn): Promise<void>;
  appRoleAdminSeen(): Promise<boolean>;
  noteAppRoleAdmin(userId: string, at: Date): Promise<void>;
}

export interface CallerResolverOptions {
  adminEmails: readonly string[];
  store: IdentityStore;
  now: () => number;
  /** Role look-ups are cached this long per user (a salesperson edit shows up after at most this). */
  cacheMs?: number;
}

type Resolved = Pick<Caller, 'roles' | 'salespersonCode' | 'email'> & { byBootstrap: boolean };

export function createCallerResolver(o: CallerResolverOptions): (id: VerifiedIdentity) => Promise<Caller> {
  const bootstrapAdmins = new Set(o.adminEmails.map((e) => e.toLowerCase()));
  const cacheMs = o.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; resolved: Resolved }>();
  let appRoleAdminSeen = false; // once true, true for good (the bootstrap never comes back)

  async function bootstrapOver(): Promise<boolean> {
    if (!appRoleAdminSeen) appRoleAdminSeen = await o.store.appRoleAdminSeen();
    return appRoleAdminSeen;
  }

  async function resolveUser(id: VerifiedIdentity): Promise<Resolved> {
    const roles: Role[] = [];
    let byBootstrap = false;
    if (id.appRoles.includes(ADMIN_APP_ROLE)) {
      if (!appRoleAdminSeen) await o.store.noteAppRoleAdmin(id.userId, new Date(o.now()));
      appRoleAdminSeen = true;
      roles.push('admin');
    } else if (id.verifiedEmail && bootstrapAdmins.has(id.verifiedEmail) && !(await bootstrapOver())) {
      roles.push('admin');
      byBootstrap = true;
    }
    let sp = await o.store.salespersonByObject(id.tenantId, id.objectId);
    const bound = sp !== null;
    if (!sp && id.verifiedEmail) {
      const byAddress = await o.store.salespersonByEmail(id.verifiedEmail);
      // A salesperson bound to someone else is theirs, whatever address this token proves.
      if (byAddress && byAddress.entraObjectId === null) {
        sp = byAddress;
        const pending = byAddress.pendingSignIn;
        if (pending?.tenantId !== id.tenantId || pending.objectId !== id.objectId) {
          await o.store.notePendingSignIn(byAddress.code, {
            tenantId: id.tenantId,
            objectId: id.objectId,
            displayName: id.displayName,
            address: id.verifiedEmail,
            seenAt: new Date(o.now()),
          });
        }
      }
    }
    const code = sp && sp.active ? sp.code : null;
    if (code !== null) roles.push('salesperson');
    const email = id.verifiedEmail ?? (bound ? (sp?.email ?? null) : null);
    return { roles, salespersonCode: code, email, byBootstrap };
  }

  return async (id) => {
    const base = { userId: id.userId, tenantId: id.tenantId, displayName: id.displayName, kind: id.kind };
    if (id.kind === 'app') {
      // An app acts for no person: admin by its app role, never a salesperson, no address.
      const roles: Role[] = id.appRoles.includes(ADMIN_APP_ROLE) ? ['admin'] : [];
      return { ...base, roles, salespersonCode: null, email: null };
    }
    const key = `${id.userId}|${id.verifiedEmail ?? ''}|${id.appRoles.includes(ADMIN_APP_ROLE)}`;
    const hit = cache.get(key);
    let resolved: Resolved;
    // A bootstrap admin stops being one as soon as this process sees an app-role admin, cache or not.
    const fresh = hit && o.now() - hit.at < cacheMs && !(hit.resolved.byBootstrap && appRoleAdminSeen);
    if (hit && fresh) resolved = hit.resolved;
    else {
      resolved = await resolveUser(id);
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { at: o.now(), resolved });
    }
    const { byBootstrap: _b, ...rest } = resolved;
    return { ...base, ...rest };
  };
}
