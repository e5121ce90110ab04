// Entra ID sign-in with Nested App Authentication: Outlook brokers the token for the add-in, so in supported
// clients there is no popup at all. Where NAA is missing, MSAL runs as a normal SPA: silent from its cache,
// else a popup, else (popup blocked, as in some desktop webviews) an Office dialog that signs in by redirect.
// MSAL is loaded on demand so development mode and the first paint do not pay for it.
import type * as Msal from '@azure/msal-browser';
import type { AuthenticationResult, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import type { OfficeHost } from '../office/types.js';
import { decodeDialogAnswer } from './dialog-protocol.js';
import { SignInCancelledError, SignInRequiredError, TokenCache, type AuthSession } from './session.js';

export interface EntraSettings {
  clientId: string;
  apiScope: string;
  tenantId?: string;
}

type MsalModule = Pick<
  typeof Msal,
  'createNestablePublicClientApplication' | 'createStandardPublicClientApplication'
>;

export interface EntraSessionDeps {
  settings: EntraSettings;
  host: Pick<OfficeHost, 'supports' | 'openDialog' | 'userEmail'>;
  /** Origin of the add-in pages (redirect pages live there). */
  origin: string;
  now: () => number;
  loadMsal?: () => Promise<MsalModule>;
}

export const AUTH_DIALOG_PAGE = 'auth-dialog.html';
export const AUTH_REDIRECT_PAGE = 'auth-redirect.html';

/** MSAL configuration shared by the pane and the dialog page. */
export function msalConfiguration(settings: EntraSettings, redirectUri: string): Configuration {
  return {
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId ?? 'organizations'}`,
      redirectUri,
    },
    // Kept across pane openings for the non-NAA path; with NAA the host keeps the tokens.
    cache: { cacheLocation: 'localStorage' },
  };
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'errorCode' in e
    ? String((e as { errorCode: unknown }).errorCode)
    : '';
}

const POPUP_FAILED = new Set(['popup_window_error', 'empty_window_error', 'popup_timeout']);
const USER_CANCELLED = new Set(['user_cancelled', 'access_denied']);

export function createEntraSession(deps: EntraSessionDeps): AuthSession {
  const { settings, host } = deps;
  const scopes = [settings.apiScope];
  const dialogTokens = new TokenCache(deps.now);
  let pca: Promise<IPublicClientApplication> | null = null;

  function client(): Promise<IPublicClientApplication> {
    pca ??= (async () => {
      const msal = await (
        deps.loadMsal ?? (() => import(/* webpackChunkName: "msal" */ '@azure/msal-browser'))
      )();
      const config = msalConfiguration(settings, `${deps.origin}/${AUTH_REDIRECT_PAGE}`);
      // Checked first: without NAA, MSAL's own bridge detection would only cost time.
      return host.supports('NestedAppAuth', '1.1')
        ? msal.createNestablePublicClientApplication(config)
        : msal.createStandardPublicClientApplication(config);
    })();
    pca.catch(() => (pca = null));
    return pca;
  }

  function remember(result: AuthenticationResult, app: IPublicClientApplication): string {
    if (result.account) app.setActiveAccount(result.account);
    return result.accessToken;
  }

  async function viaDialog(): Promise<void> {
    let message: string;
    try {
      message = await host.openDialog(`${deps.origin}/${AUTH_DIALOG_PAGE}`, { height: 60, width: 30 });
    } catch (e) {
      throw new SignInCancelledError(e);
    }
    const answer = decodeDialogAnswer(message);
    if ('error' in answer) throw new SignInCancelledError(new Error(answer.error));
    dialogTokens.set(answer.accessToken, answer.expiresOn ?? deps.now() + 3_600_000);
  }

  async function silent(forceRefresh: boolean): Promise<string> {
    const app = await client();
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
    try {
      const result = await app.acquireTokenSilent({ scopes, ...(account ? { account } : {}), forceRefresh });
      return remember(result, app);
    } catch (e) {
      throw new SignInRequiredError(e);
    }
  }
  // The pane asks for its first token when Office is ready, and /me and /lookup ask while that is on its way:
  // one silent request (one MSAL load, one round trip to the host's broker) serves them all.
  let pending: Promise<string> | null = null;

  return {
    mode: 'entra',

    async getAccessToken(options) {
      if (options?.forceRefresh) return silent(true);
      const fromDialog = dialogTokens.get();
      if (fromDialog) return fromDialog;
      pending ??= silent(false).finally(() => (pending = null));
      return pending;
    },

    async signIn() {
      dialogTokens.clear();
      const app = await client();
      try {
        const result = await app.acquireTokenPopup({
          scopes,
          ...(host.userEmail ? { loginHint: host.userEmail } : {}),
        });
        remember(result, app);
      } catch (e) {
        const code = errorCode(e);
        if (POPUP_FAILED.has(code)) return viaDialog();
        if (USER_CANCELLED.has(code)) throw new SignInCancelledError(e);
        throw e;
      }
    },
  };
}
