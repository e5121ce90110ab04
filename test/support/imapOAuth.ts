// An OAuth provider for IMAP's SASL XOAUTH2, as Microsoft 365 is one: the project's Entra ID emulator issues
// client-credentials tokens (RS256 JWTs for https://outlook.office365.com) at its real token endpoint, and an
// RFC 7662 introspection endpoint on loopback answers Dovecot's oauth2 passdb as Exchange Online decides for
// itself: the token's signature against the emulator's published keys, its audience and expiry, and the mailbox
// the app registration was granted (Exchange's application access for the service principal).
//
// Beside it, Google's server-to-server flow as Google documents it ("Using OAuth 2.0 for Server to Server
// Applications"): a service account with an RSA key; its token endpoint takes grant_type
// urn:ietf:params:oauth:grant-type:jwt-bearer with an RS256 assertion (iss the account's email, aud the token
// endpoint, scope, sub the mailbox, exp at most an hour after iat), answers {access_token, expires_in,
// token_type} or 400 invalid_grant ("Invalid JWT Signature.") / 401 unauthorized_client (no domain-wide
// delegation for that mailbox and scope). Its opaque tokens are what the same introspection endpoint knows.
import crypto from 'node:crypto';
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
  /** A Google Workspace service account with domain-wide delegation of `scope` for the mailbox. */
  google: {
    tokenUrl: string;
    serviceAccount: string;
    /** Its key file's private_key (PKCS#8 PEM). */
    privateKey: string;
    scope: string;
    /** Token requests answered, by outcome ('ok' or the OAuth error). */
    requests: Record<string, number>;
  };
  close(): Promise<void>;
}

export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

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
  const google = await googleServiceAccount(grant.mailbox);
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      void (async () => {
        const form = new URLSearchParams(body);
        if (req.url === '/google/token') {
          const { status, answer } = await google.token(form);
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
          return;
        }
        const token = form.get('token') ?? '';
        const answer =
          req.method !== 'POST' ? { active: false } : (google.introspect(token) ?? (await verdict(token)));
        introspections.total += 1;
        if (answer.active) introspections.active += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  google.tokenUrl = `http://127.0.0.1:${port}/google/token`;
  return {
    emu,
    tokenUrl: `${emu.authority}/oauth2/v2.0/token`,
    ...client,
    scope: `${OUTLOOK_RESOURCE}/.default`,
    introspectionUrl: `http://127.0.0.1:${port}/introspect`,
    introspections,
    google: {
      tokenUrl: google.tokenUrl,
      serviceAccount: google.serviceAccount,
      privateKey: google.privateKey,
      scope: GOOGLE_MAIL_SCOPE,
      requests: google.requests,
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emu.close();
    },
  };
}

/** Google's token endpoint for one service account, delegated GOOGLE_MAIL_SCOPE for one mailbox. */
async function googleServiceAccount(mailbox: string) {
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const serviceAccount = 'interlog-imap@interlog-test.iam.gserviceaccount.com';
  const issued = new Map<string, { sub: string; exp: number }>();
  const requests: Record<string, number> = {};
  const self = {
    tokenUrl: '',
    serviceAccount,
    privateKey: await jose.exportPKCS8(privateKey),
    requests,
    async token(form: URLSearchParams): Promise<{ status: number; answer: Record<string, unknown> }> {
      const refuse = (status: number, error: string, error_description: string) => {
        requests[error] = (requests[error] ?? 0) + 1;
        return { status, answer: { error, error_description } };
      };
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return refuse(400, 'unsupported_grant_type', 'Invalid grant_type: ' + (form.get('grant_type') ?? ''));
      let claims: jose.JWTPayload;
      try {
        ({ payload: claims } = await jose.jwtVerify(form.get('assertion') ?? '', publicKey, {
          algorithms: ['RS256'],
          issuer: serviceAccount,
          audience: self.tokenUrl,
        }));
      } catch {
        return refuse(400, 'invalid_grant', 'Invalid JWT Signature.');
      }
      if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || claims.exp - claims.iat > 3600)
        return refuse(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes)');
      if (claims.sub !== mailbox || claims.scope !== GOOGLE_MAIL_SCOPE)
        return refuse(
          401,
          'unauthorized_client',
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
        );
      const token = `ya29.${crypto.randomBytes(24).toString('base64url')}`;
      issued.set(token, { sub: mailbox, exp: Math.floor(Date.now() / 1000) + 3599 });
      requests.ok = (requests.ok ?? 0) + 1;
      return { status: 200, answer: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    },
    /** Dovecot's question about a token this endpoint issued (null: not one of its tokens). */
    introspect(token: string): Record<string, unknown> | null {
      const t = issued.get(token);
      if (!t) return null;
      return t.exp > Date.now() / 1000 ? { active: true, username: t.sub, exp: t.exp } : { active: false };
    },
  };
  return self;
}
