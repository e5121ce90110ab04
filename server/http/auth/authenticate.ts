// Turns a request's bearer token into a Caller, or refuses with problem+json: 401 `unauthenticated` (with a
// WWW-Authenticate challenge) for a missing or unacceptable token, 403 `forbidden` for a token without our
// scope, 503 `auth_unavailable` when the signing keys cannot be fetched.
import type { Request } from 'express';
import type { Logger } from '../../logging/logger.js';
import { AppError } from '../problem.js';
import { AuthFailure, type Caller, type TokenVerifier, type VerifiedIdentity } from './identity.js';

export interface Authenticator {
  authenticate(req: Request): Promise<Caller>;
}

export function createAuthenticator(o: {
  verifier: TokenVerifier;
  resolve: (id: VerifiedIdentity) => Promise<Caller>;
  log: Logger;
}): Authenticator {
  return {
    async authenticate(req) {
      const header = req.headers.authorization;
      const match =
        typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{10,8192})$/i.exec(header.trim()) : null;
      if (!match) throw unauthenticated('A bearer token is required');
      let identity: VerifiedIdentity;
      try {
        identity = await o.verifier.verify(match[1]!);
      } catch (err) {
        if (!(err instanceof AuthFailure)) throw err;
        (req.log ?? o.log).info({ reason: err.message, kind: err.kind }, 'token refused');
        if (err.kind === 'unavailable') {
          throw new AppError(
            503,
            'auth_unavailable',
            'Sign-in cannot be checked right now; try again shortly',
          );
        }
        if (err.kind === 'insufficient_scope') {
          throw new AppError(403, 'forbidden', 'The token does not grant access to this API');
        }
        throw unauthenticated('The token is not valid');
      }
      return o.resolve(identity);
    },
  };
}

export function unauthenticated(message: string): AppError {
  return new AppError(401, 'unauthenticated', message, undefined);
}
