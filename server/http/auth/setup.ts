// Chooses the token verifier the configuration asks for (Entra ID, or the development issuer) and what the
// add-in is told about signing in. The one place AUTH_MODE is read.
import type { SignInConfig } from '../../../shared/api/config.js';
import type { Config } from '../../config/env.js';
import type { Logger } from '../../logging/logger.js';
import { createAuthenticator, type Authenticator } from './authenticate.js';
import { createDevIssuer, type DevIssuer } from './devIssuer.js';
import { createEntraVerifier, type EntraVerifierOptions } from './entraVerifier.js';
import { createCallerResolver, type IdentityStore } from './identity.js';
import { rememberVerified } from './verifiedTokens.js';

export interface AuthSetup {
  authenticator: Authenticator;
  devIssuer: DevIssuer | null;
  clientConfig: SignInConfig;
}

export type AuthConfig = Pick<
  Config,
  | 'AUTH_MODE'
  | 'AUTHORITY_HOST'
  | 'ENTRA_TENANT_IDS'
  | 'API_CLIENT_ID'
  | 'API_SCOPE'
  | 'ADMIN_EMAILS'
  | 'ALLOWED_CLIENT_IDS'
  | 'APP_CLIENT_IDS'
  | 'PUBLIC_URL'
>;

export async function createAuth(
  config: AuthConfig,
  deps: {
    /** Salesperson bindings and the app-role-admin mark (repositories/identities.ts). */
    identities: IdentityStore;
    log: Logger;
    now?: () => number;
    /** Tests point this at their OIDC server's key endpoint. */
    jwksUri?: EntraVerifierOptions['jwksUri'];
  },
): Promise<AuthSetup> {
  const now = deps.now ?? Date.now;
  const resolve = createCallerResolver({
    adminEmails: config.ADMIN_EMAILS,
    store: deps.identities,
    now,
  });
  if (config.AUTH_MODE === 'dev') {
    const devIssuer = await createDevIssuer({
      issuer: `${config.PUBLIC_URL}/api/v1/dev`,
      scope: config.API_SCOPE,
      now,
    });
    deps.log.warn(
      'AUTH_MODE=dev: the development issuer signs tokens for any address (never use in production)',
    );
    return {
      authenticator: createAuthenticator({
        verifier: rememberVerified(devIssuer, { now }),
        resolve,
        log: deps.log,
      }),
      devIssuer,
      clientConfig: { authMode: 'dev' },
    };
  }
  const entra = createEntraVerifier({
    authorityHost: config.AUTHORITY_HOST,
    tenantIds: config.ENTRA_TENANT_IDS,
    audience: config.API_CLIENT_ID,
    scope: config.API_SCOPE,
    // Empty means "the API's own registration": the add-in signs in with it (nested app authentication).
    userClients: config.ALLOWED_CLIENT_IDS.length > 0 ? config.ALLOWED_CLIENT_IDS : [config.API_CLIENT_ID],
    appClients: config.APP_CLIENT_IDS,
    jwksUri: deps.jwksUri,
  });
  const verifier = rememberVerified(entra, { now });
  const [onlyTenant] = config.ENTRA_TENANT_IDS.length === 1 ? config.ENTRA_TENANT_IDS : [];
  return {
    authenticator: createAuthenticator({ verifier, resolve, log: deps.log }),
    devIssuer: null,
    clientConfig: {
      authMode: 'entra',
      // The add-in signs in with the same app registration that exposes the API (nested app authentication).
      clientId: config.API_CLIENT_ID,
      apiScope: `api://${config.API_CLIENT_ID}/${config.API_SCOPE}`,
      ...(onlyTenant ? { tenantId: onlyTenant } : {}),
    },
  };
}
