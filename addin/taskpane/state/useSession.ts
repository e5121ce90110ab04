// Start-up and sign-in: GET /config (no token) -> an AuthSession for its mode -> GET /me. Any later call that
// finds the user signed out (silent token refused, or 401 after a fresh token) brings back the sign-in view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../../shared/api/config.js';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { createAuthSession } from '../../auth/create-session.js';
import { SignInCancelledError, SignInRequiredError, type AuthSession } from '../../auth/session.js';
import type { OfficeHost } from '../../office/types.js';

export interface PaneEnvironment {
  host: OfficeHost;
  /** Origin of the Interlog server (the pane's own origin in production). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Development mode only: act as this user instead of the Outlook profile's address. */
  devUser?: string | null;
  now?: () => number;
}

export type SessionPhase =
  | { name: 'starting' }
  | { name: 'failed'; error: unknown }
  | { name: 'signed-out'; cancelled: boolean; signingIn: boolean }
  | { name: 'ready'; me: Me };

export function isSignedOutError(e: unknown): boolean {
  return e instanceof SignInRequiredError || (e instanceof ApiError && e.status === 401);
}

export function useSession(env: PaneEnvironment) {
  const [phase, setPhase] = useState<SessionPhase>({ name: 'starting' });
  const session = useRef<{ auth: AuthSession; api: ApiClient } | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Every call of the authenticated client reports a lost sign-in here, wherever it was made.
  const api = useMemo(
    () =>
      guardSignIn(
        () => session.current?.api,
        () => setPhase(signedOut(false)),
      ),
    [],
  );

  useEffect(() => {
    let current = true;
    setPhase({ name: 'starting' });
    (async () => {
      const anonymous = createApiClient({ baseUrl: env.baseUrl, ...(env.fetch ? { fetch: env.fetch } : {}) });
      const config = await anonymous.config();
      const auth = createAuthSession({
        config,
        host: env.host,
        origin: env.baseUrl,
        fetchDevToken: (email) => anonymous.devToken(email),
        devUser: env.devUser ?? null,
        ...(env.now ? { now: env.now } : {}),
      });
      const client = createApiClient({
        baseUrl: env.baseUrl,
        tokens: auth,
        ...(env.fetch ? { fetch: env.fetch } : {}),
      });
      session.current = { auth, api: client };
      return client.me();
    })().then(
      (me) => current && setPhase({ name: 'ready', me }),
      (error: unknown) =>
        current && setPhase(isSignedOutError(error) ? signedOut(false) : { name: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [env.baseUrl, env.host, env.fetch, env.devUser, env.now, attempt]);

  const signIn = useCallback(async () => {
    const s = session.current;
    if (!s) return;
    setPhase({ name: 'signed-out', cancelled: false, signingIn: true });
    try {
      await s.auth.signIn();
      setPhase({ name: 'ready', me: await s.api.me() });
    } catch (error) {
      if (error instanceof SignInCancelledError || isSignedOutError(error)) setPhase(signedOut(true));
      else setPhase({ name: 'failed', error });
    }
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { phase, api, signIn, retry };
}

function signedOut(cancelled: boolean): SessionPhase {
  return { name: 'signed-out', cancelled, signingIn: false };
}

/** The authenticated client, with a hook on every method for "the user is signed out". */
function guardSignIn(get: () => ApiClient | undefined, onSignedOut: () => void): ApiClient {
  return new Proxy({} as ApiClient, {
    get(_target, name: string) {
      return async (...args: unknown[]) => {
        const client = get();
        if (!client) throw new SignInRequiredError();
        try {
          return await (client[name as keyof ApiClient] as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (e) {
          if (isSignedOutError(e)) onSignedOut();
          throw e;
        }
      };
    },
  });
}
