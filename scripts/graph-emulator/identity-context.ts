// What the Entra ID endpoints share: tenant, issuer and endpoint URLs, token service, registrations.
import type { ClientState } from './client-auth.js';
import type { TokenService } from './tokens.js';
import type { UserRegistration } from './types.js';

export interface IdentityContext {
  tenantId: string;
  baseUrl: () => string;
  tokens: TokenService;
  clients: Map<string, ClientState>;
  users: UserRegistration[];
  now: () => number;
  countTokenRequest: (grantType: string) => void;
}

export function endpoints(ctx: IdentityContext) {
  const t = `${ctx.baseUrl()}/${ctx.tenantId}`;
  return {
    issuer: `${t}/v2.0`,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    token_endpoint: `${t}/oauth2/v2.0/token`,
    jwks_uri: `${t}/discovery/v2.0/keys`,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
  };
}
