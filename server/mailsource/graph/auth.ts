// Graph access tokens through MSAL Node's ConfidentialClientApplication: app-only (client credentials with a
// secret or a certificate) or delegated (a job account signed in once through the auth-code flow, refreshed
// silently from MSAL's cache, which is persisted through an injected store). Tokens and secrets are never logged.
import {
  ConfidentialClientApplication,
  CryptoProvider,
  LogLevel,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
} from '@azure/msal-node';
import { MailSourceError } from '../MailSource.js';
import { translateMsalError } from './authErrors.js';
import {
  resolveEndpoints,
  type GraphAuthConfig,
  type GraphLogger,
  type ResolvedEndpoints,
} from './config.js';
import { createCachePlugin } from './tokenCachePlugin.js';

/** What the Graph client needs: a bearer token, and a way to say "that one was rejected". */
export interface GraphTokenProvider {
  getAccessToken(): Promise<string>;
  /**
   * Graph rejected a token: the next getAccessToken bypasses every cache (MSAL's included), unless a newer
   * token than `rejectedToken` was already obtained.
   */
  invalidate(rejectedToken?: string): void;
}

export interface GraphAuth extends GraphTokenProvider {
  readonly mode: 'application' | 'delegated';
  readonly scopes: string[];
  /** Delegated only: the URL to send the admin to, and the PKCE verifier to keep (server-side) until the code. */
  getAuthCodeUrl(req: {
    redirectUri: string;
    state: string;
    loginHint?: string;
  }): Promise<{ url: string; codeVerifier: string }>;
  /** Delegated only: redeems the code; MSAL stores the tokens through the cache store. */
  acquireTokenByCode(req: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<{ homeAccountId: string; username: string }>;
}

export interface GraphAuthDeps {
  now?: () => number;
  logger?: GraphLogger;
}

// MSAL renews 5 minutes before expiry; we ask it again a little later than that so it really renews.
const REUSE_UNTIL_BEFORE_EXPIRY_MS = 4.5 * 60_000;

/** Pure: the MSAL configuration for an auth config (exported for tests of authority handling). */
export function buildMsalConfiguration(
  config: GraphAuthConfig,
  endpoints: ResolvedEndpoints,
  logger?: GraphLogger,
): Configuration {
  const cred = config.credential;
  const credential =
    cred.kind === 'secret'
      ? { clientSecret: cred.clientSecret }
      : {
          clientCertificate: {
            privateKey: cred.privateKey,
            ...(cred.thumbprintSha256 ? { thumbprintSha256: cred.thumbprintSha256 } : {}),
            ...(cred.thumbprint && !cred.thumbprintSha256 ? { thumbprint: cred.thumbprint } : {}),
            ...(cred.x5c ? { x5c: cred.x5c } : {}),
          },
        };
  return {
    auth: {
      clientId: config.clientId,
      authority: endpoints.authority,
      // Trusting the configured host skips instance discovery at login.microsoftonline.com, which is what lets
      // a national cloud or a local emulator work from configuration alone.
      knownAuthorities: [endpoints.knownAuthority],
      ...credential,
    },
    cache: config.mode.kind === 'delegated' ? { cachePlugin: createCachePlugin(config.mode.cacheStore) } : {},
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (!containsPii && level <= LogLevel.Warning) logger?.warn({ component: 'msal' }, message);
        },
      },
    },
  };
}

export function graphScopes(config: GraphAuthConfig, endpoints: ResolvedEndpoints): string[] {
  if (config.mode.kind === 'application') return [`${endpoints.graphBaseUrl}/.default`];
  return config.mode.scopes ?? [`${endpoints.graphBaseUrl}/Mail.ReadWrite.Shared`];
}

function validateCredential(config: GraphAuthConfig): void {
  const cred = config.credential;
  if (!config.clientId.trim()) throw new MailSourceError('invalid_request', 'The client id is missing.');
  if (cred.kind === 'secret' && !cred.clientSecret) {
    throw new MailSourceError('invalid_request', 'The client secret is missing.');
  }
  if (cred.kind === 'certificate' && (!cred.privateKey || !(cred.thumbprintSha256 || cred.thumbprint))) {
    throw new MailSourceError(
      'invalid_request',
      'A certificate credential needs a private key and a thumbprint.',
    );
  }
}

export function createGraphAuth(config: GraphAuthConfig, deps: GraphAuthDeps = {}): GraphAuth {
  validateCredential(config);
  const now = deps.now ?? Date.now;
  const endpoints = resolveEndpoints(config);
  const scopes = graphScopes(config, endpoints);
  const mode = config.mode;
  const cca = new ConfidentialClientApplication(buildMsalConfiguration(config, endpoints, deps.logger));

  let cached: { token: string; reuseUntilMs: number } | null = null;
  let forceRefresh = false;
  let inflight: { forced: boolean; promise: Promise<string> } | null = null;

  function remember(result: AuthenticationResult | null, forced: boolean): string {
    if (!result?.accessToken) {
      throw new MailSourceError('auth_failed', 'The sign-in service returned no access token.');
    }
    const expiresAt = result.expiresOn ? result.expiresOn.getTime() : now() + 10 * 60_000;
    cached = { token: result.accessToken, reuseUntilMs: expiresAt - REUSE_UNTIL_BEFORE_EXPIRY_MS };
    // A token asked for without force may be the very one just rejected: only a forced one settles it.
    if (forced) forceRefresh = false;
    return result.accessToken;
  }

  async function findAccount(): Promise<AccountInfo> {
    if (mode.kind !== 'delegated') throw new Error('unreachable: application mode has no account');
    const accounts = await cca.getTokenCache().getAllAccounts();
    const wanted = mode.homeAccountId ?? null;
    const account = wanted
      ? accounts.find((a) => a.homeAccountId === wanted)
      : accounts.length === 1
        ? accounts[0]
        : undefined;
    if (!account) {
      const why =
        accounts.length === 0 ? 'no job account is signed in' : 'the configured job account is not signed in';
      throw new MailSourceError(
        'auth_failed',
        `Could not get a Graph token for the job account: ${why}; sign in with the job account again (Forny token).`,
        'interaction_required',
      );
    }
    return account;
  }

  async function acquire(force: boolean): Promise<string> {
    try {
      if (mode.kind === 'application') {
        return remember(await cca.acquireTokenByClientCredential({ scopes, skipCache: force }), force);
      }
      const account = await findAccount();
      return remember(await cca.acquireTokenSilent({ account, scopes, forceRefresh: force }), force);
    } catch (err) {
      if (err instanceof MailSourceError) throw err;
      const who = mode.kind === 'application' ? 'the app' : 'the job account';
      throw translateMsalError(err, `Could not get a Graph token for ${who}`);
    }
  }

  function requireDelegated(what: string): void {
    if (mode.kind !== 'delegated') {
      throw new MailSourceError(
        'invalid_request',
        `${what} is only used with delegated (job account) access.`,
      );
    }
  }

  return {
    mode: mode.kind,
    scopes,
    async getAccessToken(): Promise<string> {
      if (cached && !forceRefresh && now() < cached.reuseUntilMs) return cached.token;
      // One acquisition at a time: four parallel requests on a cold start (or after an expiry) ask MSAL once.
      if (inflight && (inflight.forced || !forceRefresh)) return inflight.promise;
      const forced = forceRefresh;
      const promise = acquire(forced).finally(() => {
        if (inflight?.promise === promise) inflight = null;
      });
      inflight = { forced, promise };
      return promise;
    },
    invalidate(rejectedToken?: string): void {
      // A forced refresh under way, or a token newer than the rejected one, already answers the rejection.
      if (inflight?.forced) return;
      if (rejectedToken !== undefined && cached && cached.token !== rejectedToken) return;
      cached = null;
      forceRefresh = true;
    },
    async getAuthCodeUrl(req) {
      requireDelegated('Signing in');
      const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
      try {
        const url = await cca.getAuthCodeUrl({
          scopes,
          redirectUri: req.redirectUri,
          state: req.state,
          codeChallenge: challenge,
          codeChallengeMethod: 'S256',
          // MSAL drops a login hint when prompt=select_account, so the picker is only for "no hint given".
          ...(req.loginHint ? { loginHint: req.loginHint } : { prompt: 'select_account' }),
        });
        return { url, codeVerifier: verifier };
      } catch (err) {
        throw translateMsalError(err, 'Could not start the sign-in');
      }
    },
    async acquireTokenByCode(req) {
      requireDelegated('Signing in');
      let result: AuthenticationResult;
      try {
        result = await cca.acquireTokenByCode({
          code: req.code,
          redirectUri: req.redirectUri,
          codeVerifier: req.codeVerifier,
          scopes,
        });
      } catch (err) {
        throw translateMsalError(err, 'Could not complete the sign-in with the job account');
      }
      remember(result, true);
      if (!result.account) throw new MailSourceError('auth_failed', 'The sign-in returned no account.');
      return { homeAccountId: result.account.homeAccountId, username: result.account.username };
    },
  };
}
