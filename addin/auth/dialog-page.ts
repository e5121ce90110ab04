// auth-dialog.html: the Office-dialog sign-in fallback. Runs MSAL as a normal SPA with a full-page redirect
// (the dialog is a real window, so nothing blocks it) and hands the token to the pane via messageParent.
/// <reference types="office-js" />
import '../zodConfig.js';
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { createApiClient } from '../api/client.js';
import { sendToParent } from '../office/dialog-child.js';
import { officeReady } from '../office/ready.js';
import { encodeDialogAnswer, type DialogAnswer } from './dialog-protocol.js';
import { AUTH_DIALOG_PAGE, msalConfiguration } from './entra-session.js';

async function answer(result: DialogAnswer): Promise<void> {
  await officeReady(Office);
  sendToParent(Office, encodeDialogAnswer(result));
}

async function run(): Promise<void> {
  const config = await createApiClient({ baseUrl: location.origin }).config();
  if (config.authMode !== 'entra') return answer({ error: 'not_entra' });
  const settings = {
    clientId: config.clientId,
    apiScope: config.apiScope,
    ...(config.tenantId ? { tenantId: config.tenantId } : {}),
  };
  const app = await createStandardPublicClientApplication(
    msalConfiguration(settings, `${location.origin}/${AUTH_DIALOG_PAGE}`),
  );
  const returned = await app.handleRedirectPromise();
  if (returned) {
    return answer({ accessToken: returned.accessToken, expiresOn: returned.expiresOn?.getTime() ?? null });
  }
  const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
  if (account) {
    try {
      const silent = await app.acquireTokenSilent({ scopes: [settings.apiScope], account });
      return answer({ accessToken: silent.accessToken, expiresOn: silent.expiresOn?.getTime() ?? null });
    } catch {
      // Needs the user: redirect below.
    }
  }
  await app.acquireTokenRedirect({ scopes: [settings.apiScope], prompt: 'select_account' });
}

run().catch((e: unknown) => {
  const code =
    typeof e === 'object' && e !== null && 'errorCode' in e ? String(e.errorCode) : 'sign_in_failed';
  void answer({ error: code });
});
