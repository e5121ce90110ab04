// The development issuer: `npm start` runs without Entra ID by minting tokens for any address it is asked for.
// A key pair is generated at start (nothing to leak, nothing persisted); tokens are verified with the same
// jose checks as Entra tokens (signature, issuer, audience, expiry) and the same claim rules (claims.ts: scope,
// client, verified address). A development user is a member of the development tenant whose
// `preferred_username` is its address, so the address counts as verified, as a UPN does. Enabled only by
// AUTH_MODE=dev, which the configuration refuses in production and off loopback.
import crypto from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { normalizeAddress } from '../../../shared/email.js';
import { identityFromClaims } from './claims.js';
import { AuthFailure, type TokenVerifier, type VerifiedIdentity } from './identity.js';

export const DEV_TENANT_ID = '00000000-0000-0000-0000-00000000de00';
export const DEV_AUDIENCE = 'interlog-dev';
/** The client the development tokens name in `azp` (the add-in and the console, as in Entra ID). */
export const DEV_CLIENT_ID = 'interlog-dev-client';
const LIFETIME_S = 3600;

export interface DevIssuer extends TokenVerifier {
  readonly issuer: string;
  jwks(): { keys: JWK[] };
  /** A token for the address; `name` defaults to a name made from the address. */
  issue(
    email: string,
    opts?: { name?: string; appRoles?: string[]; expiresInSec?: number },
  ): Promise<DevToken>;
}

export interface DevToken {
  access_token: string;
  expires_in: number;
}

export async function createDevIssuer(o: {
  issuer: string;
  scope: string;
  now: () => number;
}): Promise<DevIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = crypto.randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const keySet = createLocalJWKSet({ keys: [jwk] });

  return {
    issuer: o.issuer,
    jwks: () => ({ keys: [jwk] }),
    async issue(rawEmail, opts = {}) {
      const email = normalizeAddress(rawEmail);
      if (!email) throw new Error('not an email address');
      const now = Math.floor(o.now() / 1000);
      const expiresIn = opts.expiresInSec ?? LIFETIME_S;
      const oid = stableGuid(email);
      const token = await new SignJWT({
        oid,
        tid: DEV_TENANT_ID,
        email,
        preferred_username: email,
        name: opts.name ?? nameFromAddress(email),
        scp: o.scope,
        azp: DEV_CLIENT_ID,
        ...(opts.appRoles ? { roles: opts.appRoles } : {}),
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(o.issuer)
        .setAudience(DEV_AUDIENCE)
        .setSubject(oid)
        .setIssuedAt(now)
        .setNotBefore(now - 5)
        .setExpirationTime(now + expiresIn)
        .sign(privateKey);
      return { access_token: token, expires_in: expiresIn };
    },
    async verify(token): Promise<VerifiedIdentity> {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          issuer: o.issuer,
          audience: DEV_AUDIENCE,
          algorithms: ['ES256'],
          currentDate: new Date(o.now()),
          requiredClaims: ['exp', 'oid', 'tid'],
        }));
      } catch (err) {
        throw new AuthFailure('invalid_token', (err as { code?: string }).code ?? 'invalid');
      }
      return identityFromClaims(payload, { scope: o.scope, userClients: [DEV_CLIENT_ID], appClients: [] });
    },
  };
}

/** The same address always gets the same user id, as a real directory would. */
function stableGuid(email: string): string {
  const h = crypto.createHash('sha256').update(`interlog-dev:${email}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** "jane.doe@x.com" -> "Jane Doe". */
export function nameFromAddress(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join(' ');
}
