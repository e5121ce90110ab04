// What role resolution needs from the database (http/auth/identity.ts IdentityStore): salespeople by their
// Entra binding (tenant id + object id) or by address, the pending sign-in an admin confirms, and the one-time
// mark "a token with the Interlog.Admin app role has been seen", which ends the ADMIN_EMAILS bootstrap.
import type { IdentitySalesperson, IdentityStore, PendingSignIn } from '../http/auth/identity.js';
import { isDuplicateKeyError } from './db.js';
import type { Models } from './models/index.js';

const FIELDS = {
  _id: 0,
  code: 1,
  email: 1,
  active: 1,
  entraTenantId: 1,
  entraObjectId: 1,
  pendingSignIn: 1,
} as const;

/** A claim (models/claims.ts): whoever inserts it first; it is never removed. */
const APP_ROLE_ADMIN_SEEN = 'identity#app-role-admin-seen';

type Row = Partial<IdentitySalesperson> & { code: string; email: string | null; active: boolean };

const asIdentity = (r: Row | null): IdentitySalesperson | null =>
  r && {
    code: r.code,
    email: r.email,
    active: r.active,
    entraTenantId: r.entraTenantId ?? null,
    entraObjectId: r.entraObjectId ?? null,
    pendingSignIn: r.pendingSignIn ?? null,
  };

export class IdentityRepository implements IdentityStore {
  constructor(private readonly models: Models) {}

  async salespersonByObject(tenantId: string, objectId: string): Promise<IdentitySalesperson | null> {
    const row = await this.models.Salesperson.findOne(
      { entraObjectId: objectId, entraTenantId: tenantId },
      FIELDS,
    )
      .sort({ code: 1 })
      .lean<Row>();
    return asIdentity(row);
  }

  async salespersonByEmail(email: string): Promise<IdentitySalesperson | null> {
    const row = await this.models.Salesperson.findOne({ email }, FIELDS).sort({ code: 1 }).lean<Row>();
    return asIdentity(row);
  }

  async notePendingSignIn(code: string, signIn: PendingSignIn): Promise<void> {
    // Only while unbound: a binding an admin made is never replaced by a sign-in. The same user signing in again
    // changes nothing (the first sign-in is what the admin confirms; a request never writes for nothing).
    await this.models.Salesperson.updateOne(
      {
        code,
        entraObjectId: null,
        $or: [
          { pendingSignIn: null },
          { 'pendingSignIn.objectId': { $ne: signIn.objectId } },
          { 'pendingSignIn.tenantId': { $ne: signIn.tenantId } },
        ],
      },
      { $set: { pendingSignIn: { ...signIn, displayName: signIn.displayName.slice(0, 200) } } },
    );
  }

  async appRoleAdminSeen(): Promise<boolean> {
    return (await this.models.Claim.findOne({ _id: APP_ROLE_ADMIN_SEEN }, { _id: 1 }).lean()) !== null;
  }

  async noteAppRoleAdmin(userId: string, at: Date): Promise<void> {
    try {
      await this.models.Claim.create({ _id: APP_ROLE_ADMIN_SEEN, owner: userId, at });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
