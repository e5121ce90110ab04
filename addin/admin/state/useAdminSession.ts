// Start-up of the admin console: GET /config -> a sign-in session for its mode (development issuer: an address
// chosen on the page or by ?devUser=; Entra ID: MSAL in the browser, popup sign-in) -> GET /me -> one admin-only
// call. The server decides who is an admin: a 403 on that call is the "not an admin" state, whatever /me says.
import { useCallback, useEffect, useState } from 'react';
import type { DevAccounts, Me } from '../../../shared/api/config.js';
import { ApiError } from '../../api/errors.js';
import { createDevSession } from '../../auth/dev-session.js';
import { createEntraSession } from '../../auth/entra-session.js';
import { SignInCancelledError, SignInRequiredError, type AuthSession } from '../../auth/session.js';
import { createAdminClient, type AdminClient } from '../api/adminClient.js';

export interface AdminEnvironment {
  baseUrl: string;
  devUser: string | null;
  fetch?: typeof fetch;
}

export type AdminPhase =
  | { name: 'starting' }
  | { name: 'failed'; error: unknown }
  | { name: 'dev-sign-in'; accounts: DevAccounts['accounts'] }
  | { name: 'signed-out'; signingIn: boolean; cancelled: boolean }
  | { name: 'forbidden'; email: string; dev: boolean }
  | { name: 'ready'; me: Me; api: AdminClient; devUser: string | null };

/** The admin pages run in a plain browser tab: no Office host, so MSAL uses a popup (never NAA or a dialog). */
const browserHost = {
  userEmail: '',
  supports: () => false,
  openDialog: () => Promise.reject(new Error('Office dialogs are not available outside Outlook')),
};

function signedOut(e: unknown): boolean {
  return e instanceof SignInRequiredError || (e instanceof ApiError && e.status === 401);
}

export function useAdminSession(env: AdminEnvironment) {
  const [phase, setPhase] = useState<AdminPhase>({ name: 'starting' });
  const [devUser, setDevUser] = useState(env.devUser);
  const [attempt, setAttempt] = useState(0);
  const [auth, setAuth] = useState<AuthSession | null>(null);

  useEffect(() => {
    let current = true;
    const set = (p: AdminPhase) => current && setPhase(p);
    setPhase({ name: 'starting' });
    (async () => {
      const anonymous = createAdminClient({ baseUrl: env.baseUrl, fetch: env.fetch });
      const config = await anonymous.config();
      let session: AuthSession;
      if (config.authMode === 'dev') {
        if (!devUser) {
          // Whom to sign in as (the demo's admins and salespeople); the form alone still works without them.
          const { accounts } = await anonymous.devAccounts().catch(() => ({ accounts: [] }));
          return set({ name: 'dev-sign-in', accounts });
        }
        session = createDevSession({ fetchToken: anonymous.devToken, email: devUser, now: Date.now });
      } else {
        const { clientId, apiScope, tenantId } = config;
        session = createEntraSession({
          settings: { clientId, apiScope, ...(tenantId ? { tenantId } : {}) },
          host: browserHost,
          origin: env.baseUrl,
          now: Date.now,
        });
      }
      if (current) setAuth(session);
      const api = createAdminClient({ baseUrl: env.baseUrl, tokens: session, fetch: env.fetch });
      try {
        const me = await api.me();
        try {
          await api.status();
        } catch (e) {
          if (e instanceof ApiError && e.status === 403)
            return set({ name: 'forbidden', email: me.email, dev: config.authMode === 'dev' });
          throw e;
        }
        set({ name: 'ready', me, api, devUser });
      } catch (e) {
        if (signedOut(e)) return set({ name: 'signed-out', signingIn: false, cancelled: false });
        throw e;
      }
    })().catch((error: unknown) => set({ name: 'failed', error }));
    return () => {
      current = false;
    };
  }, [env.baseUrl, env.fetch, devUser, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  const signIn = useCallback(async () => {
    if (!auth) return;
    setPhase({ name: 'signed-out', signingIn: true, cancelled: false });
    try {
      await auth.signIn();
      retry();
    } catch (e) {
      if (e instanceof SignInCancelledError)
        setPhase({ name: 'signed-out', signingIn: false, cancelled: true });
      else setPhase({ name: 'failed', error: e });
    }
  }, [auth, retry]);

  /** Development issuer only: sign in as another address (kept in the URL so a reload keeps it). */
  const switchDevUser = useCallback((email: string | null) => {
    const url = new URL(location.href);
    if (email) url.searchParams.set('devUser', email);
    else url.searchParams.delete('devUser');
    history.replaceState(null, '', url);
    setDevUser(email);
  }, []);

  return { phase, retry, signIn, switchDevUser };
}
