// Shared set-up for the emulator's own tests: an emulator with the demo fixture, a real MSAL confidential
// client pointed at it, and a real Graph SDK client.
import { ConfidentialClientApplication } from '@azure/msal-node';
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
