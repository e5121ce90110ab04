// Tokens already verified, remembered: a task pane sends the same access token with every request for the
// token's life (about an hour from Entra ID), and checking its signature again each time (jose over WebCrypto)
// was ~9% of the server's CPU in the lookup benchmark. Envoy's jwt_authn does the same (its jwt_cache_config).
//
// A token is taken from here only when it is the very string that was verified (its SHA-256 is the key, so the
// process holds no bearer tokens), only before its `exp` (without the clock tolerance the verifier allows: past
// it, the verifier decides again), and only for MAX_AGE_MS after its verification, which bounds how long a token
// signed with a key the issuer has since withdrawn is still taken. Refusals are never remembered.
import crypto from 'node:crypto';
import { decodeJwt } from 'jose';
import type { TokenVerifier, VerifiedIdentity } from './identity.js';

/** How long a verification is relied on at most. */
export const MAX_AGE_MS = 5 * 60_000;
/** Tokens remembered at most (the least recently used go first): ~200 bytes each. */
export const CAPACITY = 20_000;

interface Remembered {
  identity: VerifiedIdentity;
  /** Taken until then (ms): the token's exp, or MAX_AGE_MS after the verification if sooner. */
  until: number;
}

export function rememberVerified(
  inner: TokenVerifier,
  o: { now: () => number; maxAgeMs?: number; capacity?: number },
): TokenVerifier {
  const maxAgeMs = o.maxAgeMs ?? MAX_AGE_MS;
  const capacity = o.capacity ?? CAPACITY;
  const held = new Map<string, Remembered>();
  /** Verifications under way: a pane's first requests (its /me and its lookup) carry a new token together. */
  const verifying = new Map<string, Promise<VerifiedIdentity>>();
  const verifyOnce = async (key: string, token: string): Promise<VerifiedIdentity> => {
    const identity = await inner.verify(token);
    // The verifier required `exp`; a token without a usable one is not remembered.
    const exp = decodeJwt(token).exp;
    if (typeof exp === 'number') {
      held.set(key, { identity, until: Math.min(exp * 1000, o.now() + maxAgeMs) });
      if (held.size > capacity) held.delete(held.keys().next().value!);
    }
    return identity;
  };
  return {
    verify(token) {
      const key = crypto.createHash('sha256').update(token).digest('base64');
      const hit = held.get(key);
      if (hit && o.now() < hit.until) {
        held.delete(key); // most recently used last
        held.set(key, hit);
        return Promise.resolve(hit.identity);
      }
      held.delete(key);
      let under = verifying.get(key);
      if (!under) {
        under = verifyOnce(key, token);
        verifying.set(key, under);
        const done = () => verifying.delete(key);
        under.then(done, done);
      }
      return under;
    },
  };
}
