// Picks the sign-in mode the server announced in GET /config.
import type { DevToken, SignInConfig } from '../../shared/api/config.js';
import type { OfficeHost } from '../office/types.js';
import { createDevSession } from './dev-session.js';
import { createEntraSession } from './entra-session.js';
import type { AuthSession } from './session.js';

export interface SessionDeps {
  config: SignInConfig;
  host: OfficeHost;
  origin: string;
  fetchDevToken: (email: string) => Promise<DevToken>;
  /** Dev mode only: who to be when the page names someone else than the Outlook profile. */
  devUser?: string | null;
  now?: () => number;
}

export function createAuthSession(deps: SessionDeps): AuthSession {
  const now = deps.now ?? (() => Date.now());
  if (deps.config.authMode === 'dev') {
    return createDevSession({
      fetchToken: deps.fetchDevToken,
      email: deps.devUser || deps.host.userEmail,
      now,
    });
  }
  const { clientId, apiScope, tenantId } = deps.config;
  return createEntraSession({
    settings: { clientId, apiScope, ...(tenantId ? { tenantId } : {}) },
    host: deps.host,
    origin: deps.origin,
    now,
  });
}
