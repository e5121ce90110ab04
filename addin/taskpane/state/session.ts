// The pane's session without React (main.ts opens it before the UI's chunk has run; useSession.ts keeps it): GET
// /config (no token), then an AuthSession for its mode, its first token asked at once, and the authenticated client.
import type { ClientConfig, Me } from '../../../shared/api/config.js';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { createAuthSession } from '../../auth/create-session.js';
import type { AuthSession } from '../../auth/session.js';
import type { OfficeHost } from '../../office/types.js';

export interface PaneEnvironment {
  host: OfficeHost;
  /** Origin of the Interlog server (the pane's own origin in production). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Development mode only: act as this user instead of the Outlook profile's address. */
  devUser?: string | null;
  now?: () => number;
  /** A session main.ts began before the pane mounted; used by the first attempt (Retry begins a new one). */
  session?: Promise<PaneSession>;
}

/** A signed-in (or signing-in) session: its configuration, tokens and the authenticated client. */
export interface PaneSession {
  config: ClientConfig;
  auth: AuthSession;
  api: ApiClient;
  /** GET /me of this session, asked on the first call only (it goes out once the first token is there): main.ts
   *  asks it beside the first lookup, and the pane's start (useSession) takes that answer instead of asking once
   *  React has mounted, ~50-90 ms later (the view of the lookup's answer waits for /me). */
  me(): Promise<Me>;
}

/** GET /config. */
export function fetchConfig(env: Pick<PaneEnvironment, 'baseUrl' | 'fetch'>): Promise<ClientConfig> {
  return createApiClient({ baseUrl: env.baseUrl, ...(env.fetch ? { fetch: env.fetch } : {}) }).config();
}

/**
 * The session for a configuration, its first token already requested: the pane's first calls then find it on
 * its way (or there) instead of asking only when they start.
 */
export function openSession(env: PaneEnvironment, config: ClientConfig): PaneSession {
  const anonymous = createApiClient({ baseUrl: env.baseUrl, ...(env.fetch ? { fetch: env.fetch } : {}) });
  const auth = createAuthSession({
    config,
    host: env.host,
    origin: env.baseUrl,
    fetchDevToken: (email) => anonymous.devToken(email),
    devUser: env.devUser ?? null,
    ...(env.now ? { now: env.now } : {}),
  });
  // Silent only; a refusal is met again by the first call, which then shows the sign-in view.
  auth.getAccessToken().catch(() => {});
  const api = createApiClient({
    baseUrl: env.baseUrl,
    tokens: auth,
    ...(env.fetch ? { fetch: env.fetch } : {}),
  });
  let me: Promise<Me> | null = null;
  return { config, auth, api, me: () => (me ??= api.me()) };
}
