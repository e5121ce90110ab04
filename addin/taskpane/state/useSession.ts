// Start-up and sign-in: GET /config (no token) -> an AuthSession for its mode -> the pane is ready, and GET /me
// runs beside the first lookup (the lookup needs /config's internal domains and a token, not /me). main.ts asks
// for /config while Office.js starts and opens the session (its first token request) as soon as Office is
// ready: `env.session`. Any later call that finds the user signed out (silent token refused, or 401 after a
// fresh token) brings back the sign-in view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../../shared/api/config.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { SignInCancelledError, SignInRequiredError } from '../../auth/session.js';
import { fetchConfig, openSession, type PaneEnvironment, type PaneSession } from './session.js';

export type { PaneEnvironment, PaneSession } from './session.js';

export type SessionPhase =
  | { name: 'starting' }
  | { name: 'failed'; error: unknown }
  | { name: 'signed-out'; cancelled: boolean; signingIn: boolean }
  /** `me` is null until GET /me answers; the item view starts its lookup meanwhile. */
  | { name: 'ready'; me: Me | null; internalDomains: string[] };

export function isSignedOutError(e: unknown): boolean {
  return e instanceof SignInRequiredError || (e instanceof ApiError && e.status === 401);
}

export function useSession(env: PaneEnvironment) {
  const [phase, setPhase] = useState<SessionPhase>({ name: 'starting' });
  const session = useRef<PaneSession | null>(null);
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
    const fail = (error: unknown) =>
      current && setPhase(isSignedOutError(error) ? signedOut(false) : { name: 'failed', error });
    const begun =
      attempt === 0 && env.session
        ? env.session
        : fetchConfig(env).then((config) => openSession(env, config));
    begun
      .then((s) => {
        if (!current) return;
        session.current = s;
        const internalDomains = s.config.internalDomains;
        setPhase({ name: 'ready', me: null, internalDomains });
        // This session's /me, asked beside the first lookup (main.ts) when that session is main.ts's. A refusal
        // (401, a token that needs the user) shows the sign-in view through `fail`, as the guard would.
        return s
          .me()
          .then((me) =>
            setPhase((p) => (current && p.name === 'ready' ? { name: 'ready', me, internalDomains } : p)),
          );
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [env.baseUrl, env.host, env.fetch, env.devUser, env.now, env.session, attempt]);

  const signIn = useCallback(async () => {
    const s = session.current;
    if (!s) return;
    setPhase({ name: 'signed-out', cancelled: false, signingIn: true });
    try {
      await s.auth.signIn();
      const me = await s.api.me();
      setPhase({ name: 'ready', me, internalDomains: s.config.internalDomains });
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
