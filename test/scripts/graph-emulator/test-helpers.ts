// Shared set-up for the emulator's own tests: an emulator with the demo fixture, a real MSAL confidential
// client pointed at it, and a real Graph SDK client.
import assert from 'node:assert/strict';
import { ConfidentialClientApplication, type AuthenticationResult } from '@azure/msal-node';
import { Client, RetryHandlerOptions, type GraphError } from '@microsoft/microsoft-graph-client';
import {
  startGraphEmulator,
  type GraphEmulator,
  type GraphEmulatorOptions,
} from '../../../scripts/graph-emulator/index.js';

export const CLIENT = { clientId: '0c7a2f9e-5b1d-4e8a-9f3c-2d6b8a1e4f70', clientSecret: 'test-secret~value' };
export const USER = {
  username: 'peter.hansen@contoso.example',
  oid: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c',
  name: 'Peter Hansen',
};
export const MAILBOX = 'logging@contoso.example';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
export const IMMUTABLE = { Prefer: 'IdType="ImmutableId"' };
export const DELEGATED_SCOPES = ['Mail.ReadWrite.Shared'];
export const REDIRECT_URI = 'https://localhost:3000/auth/callback';

export async function startTestEmulator(extra: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const emu = await startGraphEmulator({ clients: [CLIENT], users: [USER], ...extra });
  emu.loadFixture('demo-mailbox');
  return emu;
}

export function msalApp(emu: GraphEmulator, secret = CLIENT.clientSecret): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: CLIENT.clientId,
      clientSecret: secret,
      authority: emu.authority,
      knownAuthorities: [emu.knownAuthority],
    },
  });
}

export async function appToken(emu: GraphEmulator): Promise<string> {
  const result = await msalApp(emu).acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
  if (!result) throw new Error('no token');
  return result.accessToken;
}

export function graphClient(emu: GraphEmulator, token: string | (() => Promise<string>)): Client {
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => (typeof token === 'string' ? token : token()) },
    baseUrl: `${emu.baseUrl}/`,
    customHosts: new Set(['127.0.0.1']),
  });
}

/** Per-request option that turns the SDK's RetryHandler off, to see a 429/503 as it comes. */
export const noRetry = () => [new RetryHandlerOptions(0, 0)];

/** Runs a request expected to fail and returns the SDK's GraphError. */
export async function graphError(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    return e as GraphError;
  }
  throw new Error('expected the request to fail');
}

export interface MessageJson {
  id: string;
  subject: string;
  parentFolderId: string;
  receivedDateTime: string;
  webLink: string;
}

/** A delegated token for USER through the authorization-code flow, as the setup wizard gets one. */
export async function authCodeFlow(
  emu: GraphEmulator,
  app: ConfidentialClientApplication,
): Promise<AuthenticationResult> {
  const url = await app.getAuthCodeUrl({
    scopes: DELEGATED_SCOPES,
    redirectUri: REDIRECT_URI,
    loginHint: USER.username,
    state: 'state-123',
    nonce: 'nonce-456',
  });
  assert.ok(url.startsWith(`${emu.authority}/oauth2/v2.0/authorize`), url);
  const res = await fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 302);
  const back = new URL(res.headers.get('location') ?? '');
  assert.equal(back.origin + back.pathname, REDIRECT_URI);
  assert.equal(back.searchParams.get('state'), 'state-123');
  const code = back.searchParams.get('code');
  assert.ok(code);
  return app.acquireTokenByCode({
    code,
    scopes: DELEGATED_SCOPES,
    redirectUri: REDIRECT_URI,
    nonce: 'nonce-456',
  });
}
