// Development sign-in: the server, running with its development issuer, mints a token for a chosen dev user
// (GET /api/v1/dev/token?email=). Never offered unless GET /config says authMode 'dev'.
import type { DevToken } from '../../shared/api/config.js';
import { SignInRequiredError, TokenCache, type AuthSession } from './session.js';

export interface DevSessionDeps {
  fetchToken: (email: string) => Promise<DevToken>;
  /** The dev user: Outlook's profile address, or a page's ?devUser= override. */
  email: string;
  now: () => number;
}

const DEFAULT_LIFETIME_S = 3600;

export function createDevSession(deps: DevSessionDeps): AuthSession {
  const cache = new TokenCache(deps.now);
  // The pane's first calls (/me and /lookup) start together: they share one token request.
  let pending: Promise<string> | null = null;

  function fetchToken(): Promise<string> {
    pending ??= (async () => {
      if (!deps.email) throw new SignInRequiredError(new Error('no dev user address'));
      const answer = await deps.fetchToken(deps.email);
      cache.set(answer.access_token, deps.now() + (answer.expires_in ?? DEFAULT_LIFETIME_S) * 1000);
      return answer.access_token;
    })().finally(() => (pending = null));
    return pending;
  }

  return {
    mode: 'dev',
    async getAccessToken(options) {
      const cached = options?.forceRefresh ? null : cache.get();
      return cached ?? fetchToken();
    },
    async signIn() {
      cache.clear();
      await fetchToken();
    },
  };
}
