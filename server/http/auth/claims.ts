// What a signature-checked token's claims may prove, shared by the Entra ID verifier and the development issuer
// so both refuse the same tokens. Two questions:
//  1. Is this an access token for this API, from a client we serve? ID tokens (same app registration as the
//     add-in, so their `aud` is our client id) carry no `azp`/`appid`; a user's access token must carry our
//     delegated scope in `scp`; a token without `scp` is only an app's own token when it says `idtyp=app`
//     and its client is allow-listed (Entra puts app roles in user tokens too, so "has a role" proves nothing).
//  2. Which address does the tenant vouch for? Entra's `email` is the user's Mail attribute: anyone without a
//     mailbox can set it, and for guests it is whatever the home directory says
//     (learn.microsoft.com/entra/identity-platform/migrate-off-email-claim-authorization). Only these count:
//     - `email` with `xms_edov: true` (Entra's "email domain owner verified" optional claim);
//     - `verified_primary_email` (sourced from the user's authoritative primary address);
//     - for a member of the token's own tenant (no `idp` naming another issuer, `acct` not 1): `upn`, else
//       `preferred_username` — a UPN's domain must be one the tenant verified (or its onmicrosoft.com), and a
//       domain can be verified by one tenant only.
//     A guest's addresses never count: their home directory, not the allow-listed tenant, decides them.
import { normalizeAddress } from '../../../shared/email.js';
import { AuthFailure, type VerifiedIdentity } from './identity.js';

export interface ClaimPolicy {
  /** The delegated scope (API_SCOPE) a user token must carry in `scp`. */
  scope: string;
  /** `azp`/`appid` a user token may come from (the add-in, the console). Lower-case. */
  userClients: readonly string[];
  /** Clients whose app-only tokens (`idtyp=app`, roles, no `scp`) are accepted. Lower-case. */
  appClients: readonly string[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function identityFromClaims(payload: Record<string, unknown>, policy: ClaimPolicy): VerifiedIdentity {
  const tid = str(payload.tid)?.toLowerCase();
  const oid = str(payload.oid)?.toLowerCase();
  if (!tid || !oid) throw new AuthFailure('invalid_token', 'no tid/oid');
  // An ID token has a nonce (when the client sent one) and never an authorized party: refused outright.
  const client = (str(payload.azp) ?? str(payload.appid))?.toLowerCase();
  if (payload.nonce !== undefined || !client) {
    throw new AuthFailure('invalid_token', 'not an access token (no azp/appid, or a nonce)');
  }
  const appRoles = Array.isArray(payload.roles)
    ? payload.roles.filter((r): r is string => typeof r === 'string')
    : [];
  const scopes = str(payload.scp)?.split(' ') ?? [];
  const base = { userId: `${tid}:${oid}`, tenantId: tid, objectId: oid, appRoles };

  if (scopes.length === 0) {
    if (payload.idtyp !== 'app') {
      // A user's token with roles but no scope: issued for some other flow, never for calling this API.
      throw new AuthFailure('insufficient_scope', 'a user token without scp');
    }
    if (!policy.appClients.includes(client))
      throw new AuthFailure('invalid_token', `app ${client} not allowed`);
    if (appRoles.length === 0) throw new AuthFailure('insufficient_scope', 'an app token without roles');
    return { ...base, kind: 'app', verifiedEmail: null, shownEmail: null, displayName: `app ${client}` };
  }
  if (payload.idtyp === 'app') throw new AuthFailure('invalid_token', 'an app token with scp');
  if (!scopes.includes(policy.scope)) throw new AuthFailure('insufficient_scope', 'not the API scope');
  if (!policy.userClients.includes(client))
    throw new AuthFailure('invalid_token', `client ${client} not allowed`);

  const verifiedEmail = verifiedAddressOf(payload);
  const shownEmail = verifiedEmail ?? anyAddressOf(payload);
  return {
    ...base,
    kind: 'user',
    verifiedEmail,
    shownEmail,
    displayName: str(payload.name) ?? shownEmail ?? oid,
  };
}

/** Guests are authenticated by another directory (`idp` names it) or flagged by `acct: 1`. */
export function isHomeTenantMember(payload: Record<string, unknown>): boolean {
  const idp = str(payload.idp);
  if (idp !== null && idp !== payload.iss) return false;
  return payload.acct === undefined || payload.acct === 0 || payload.acct === '0';
}

/** The address the tenant vouches for (see the top of this file), normalised; null when none does. */
export function verifiedAddressOf(payload: Record<string, unknown>): string | null {
  if (!isHomeTenantMember(payload)) return null;
  if (payload.xms_edov === true || payload.xms_edov === 'true' || payload.xms_edov === 1) {
    const email = addressOf(payload.email);
    if (email) return email;
  }
  const primary = Array.isArray(payload.verified_primary_email)
    ? payload.verified_primary_email[0]
    : payload.verified_primary_email;
  return addressOf(primary) ?? addressOf(payload.upn) ?? addressOf(payload.preferred_username);
}

/** Any address the token names, for display only. */
function anyAddressOf(payload: Record<string, unknown>): string | null {
  return addressOf(payload.email) ?? addressOf(payload.preferred_username) ?? addressOf(payload.upn);
}

function addressOf(v: unknown): string | null {
  return typeof v === 'string' ? normalizeAddress(v) : null;
}
