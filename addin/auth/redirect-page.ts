// auth-redirect.html: where Entra ID returns a popup sign-in (MSAL 5 needs a page that passes the answer back to
// the window that opened the popup).
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch((e: unknown) =>
  console.error('Sign-in answer could not be delivered', e),
);
