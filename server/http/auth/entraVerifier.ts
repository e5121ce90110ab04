// Microsoft Entra ID v2 access tokens for our API, verified with jose against the tenant's published keys:
// issuer `{authority}/{tid}/v2.0` for allow-listed tenants only, audience our application id (or its
// api:// URI), RS256 only; then claims.ts decides what kind of token it is (user with our scope from an
// allowed client, or an allow-listed app) and which address it proves. The authority host is configurable so
// tests run a real OIDC server on loopback.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { identityFromClaims } from './claims.js';
import { AuthFailure, type TokenVerifier, type VerifiedIdentity } from './identity.js';

export interface EntraVerifierOptions {
  authorityHost: string;
  tenantIds: readonly string[];
  /** API_CLIENT_ID: the application id of this API. */
  audience: string;
  /** API_SCOPE, e.g. "access_as_user". */
  scope: string;
  /** ALLOWED_CLIENT_IDS: the `azp`/`appid` of user tokens (the add-in, the console). */
  userClients: readonly string[];
  /** APP_CLIENT_IDS: apps whose own tokens (`idtyp=app`) are accepted. */
  appClients: readonly string[];
  /** Where a tenant's keys are; default Entra's `{authority}/{tid}/discovery/v2.0/keys`. */
  jwksUri?: (authorityHost: string, tenantId: string) => string;
  /** Allowed clock skew in seconds (default 60). */
  clockToleranceSec?: number;
}

export function entraJwksUri(authorityHost: string, tenantId: string): string {
  return `${authorityHost}/${tenantId}/discovery/v2.0/keys`;
}

export function createEntraVerifier(o: EntraVerifierOptions): TokenVerifier {
  const host = o.authorityHost.replace(/\/+$/, '');
  const keySets = new Map<string, JWTVerifyGetKey>();
  for (const tid of o.tenantIds) {
    const uri = (o.jwksUri ?? entraJwksUri)(host, tid);
    keySets.set(tid.toLowerCase(), createRemoteJWKSet(new URL(uri), { timeoutDuration: 5000 }));
  }
  const audiences = [o.audience, `api://${o.audience}`];

  return {
    async verify(token): Promise<VerifiedIdentity> {
      let unverified: Record<string, unknown>;
      try {
        unverified = decodeJwt(token);
      } catch {
        throw new AuthFailure('invalid_token', 'not a JWT');
      }
      const tid = typeof unverified.tid === 'string' ? unverified.tid.toLowerCase() : '';
      const keys = keySets.get(tid);
      if (!keys) throw new AuthFailure('invalid_token', 'tenant not allowed');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: `${host}/${unverified.tid as string}/v2.0`,
          audience: audiences,
          algorithms: ['RS256'],
          clockTolerance: o.clockToleranceSec ?? 60,
          requiredClaims: ['exp', 'oid', 'tid'],
        }));
      } catch (err) {
        throw classifyJoseError(err);
      }
      return identityFromClaims(payload, {
        scope: o.scope,
        userClients: o.userClients.map((c) => c.toLowerCase()),
        appClients: o.appClients.map((c) => c.toLowerCase()),
      });
    },
  };
}

/** Keys that cannot be fetched are our problem (503); anything else about the token is the caller's (401). */
function classifyJoseError(err: unknown): AuthFailure {
  if (err instanceof errors.JOSEError) {
    if (err.code === 'ERR_JWKS_TIMEOUT' || err.code === 'ERR_JOSE_GENERIC') {
      return new AuthFailure('unavailable', `signing keys unavailable: ${err.code}`);
    }
    const claim = (err as { claim?: string }).claim;
    return new AuthFailure('invalid_token', claim ? `${err.code}:${claim}` : err.code);
  }
  return new AuthFailure(
    'unavailable',
    `signing keys unavailable: ${String((err as Error)?.message ?? err)}`,
  );
}
