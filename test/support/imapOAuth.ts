// An OAuth provider for IMAP's SASL XOAUTH2, as Microsoft 365 is one: the project's Entra ID emulator issues
// client-credentials tokens (RS256 JWTs for https://outlook.office365.com) at its real token endpoint, and an
// RFC 7662 introspection endpoint on loopback answers Dovecot's oauth2 passdb as Exchange Online decides for
// itself: the token's signature against the emulator's published keys, its audience and expiry, and the mailbox
// the app registration was granted (Exchange's application access for the service principal).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { startGraphEmulator, type GraphEmulator } from '../../scripts/graph-emulator/index.js';

export const OUTLOOK_RESOURCE = 'https://outlook.office365.com';

export interface ImapOAuthProvider {
  emu: GraphEmulator;
  /** The tenant's token endpoint (…/<tenant>/oauth2/v2.0/token). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Where Dovecot's oauth2 passdb asks about a token. */
  introspectionUrl: string;
  /** Introspections answered, and how many of them active. */
  introspections: { total: number; active: number };
  close(): Promise<void>;
}

export async function startImapOAuthProvider(grant: { mailbox: string }): Promise<ImapOAuthProvider> {
  const client = { clientId: '3c9e1f0a-7b5d-4c2e-8f6a-0d1b2c3e4f5a', clientSecret: 'imap~app~secret' };
  const emu = await startGraphEmulator({ clients: [client] });
  const jwks = jose.createRemoteJWKSet(new URL(`${emu.authority}/discovery/v2.0/keys`));
  const introspections = { total: 0, active: 0 };
  const verdict = async (token: string): Promise<Record<string, unknown>> => {
    try {
      const { payload } = await jose.jwtVerify(token, jwks, { audience: OUTLOOK_RESOURCE });
      if (payload.appid !== client.clientId) return { active: false };
      return { active: true, username: grant.mailbox, client_id: payload.appid, exp: payload.exp };
    } catch {
      return { active: false }; // a bad signature, another audience, expired
    }
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      void (async () => {
        const token = new URLSearchParams(body).get('token') ?? '';
        const answer = req.method === 'POST' ? await verdict(token) : { active: false };
        introspections.total += 1;
        if (answer.active) introspections.active += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    emu,
    tokenUrl: `${emu.authority}/oauth2/v2.0/token`,
    ...client,
    scope: `${OUTLOOK_RESOURCE}/.default`,
    introspectionUrl: `http://127.0.0.1:${port}/introspect`,
    introspections,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emu.close();
    },
  };
}
