// The API as production wires it (createApp + the /api/v1 router + real services on a test database), served
// over HTTPS in-process, with Entra ID played by a real OIDC server on loopback (oauth2-mock-server): tokens are
// signed, expire and carry audiences exactly as the verifier checks them. Log lines are captured.
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import { OAuth2Issuer, OAuth2Server } from 'oauth2-mock-server';
import { createApp } from '../../../server/http/app.js';
import { createAuth, type AuthConfig } from '../../../server/http/auth/setup.js';
import { ADMIN_APP_ROLE } from '../../../server/http/auth/identity.js';
import {
  delegatedSignInFor,
  mailSourceForSetup,
  type SourceEnvironment,
} from '../../../server/mailsource/sourceForSetup.js';
import { createLogger } from '../../../server/logging/logger.js';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { LoggingSetupRepository } from '../../../server/repositories/loggingSetups.js';
import { createApiRouter } from '../../../server/routes/index.js';
import { createSecretBox, type SecretBox } from '../../../server/security/secretBox.js';
import { createRepositories } from '../../../server/repositories/index.js';
import { createServices, type Services } from '../../../server/services/index.js';
import { startGraphEmulator } from '../../../scripts/graph-emulator/index.js';
import { seedDirectory } from '../../support/engineHarness.js';

export const TENANT = '7f1d5a9e-2c3b-4e8f-9a61-0b2c4d6e8f10';
export const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
export const API_CLIENT_ID = '3c9a7e21-6b4d-4f0a-8e2c-91d7b5a3f604';
export const ADMIN_EMAIL = 'annette.admin@contoso.example';
export const SALESPERSON_EMAIL = 'peter.hansen@contoso.example'; // PH in test/fixtures/engine/directory.json
export const NOBODY_EMAIL = 'guest@contoso.example';
export const SALESPERSON_B_EMAIL = 'maria.nielsen@contoso.example'; // MN
/** An app (daemon) whose own tokens are allow-listed (APP_CLIENT_IDS). */
export const APP_CLIENT_ID = '9b0e4c7d-1a2b-4c3d-8e5f-60718293a4b5';

/** A GUID-shaped object id per address, as a directory gives each user one. */
export function oidOf(email: string): string {
  const h = crypto.createHash('sha256').update(email).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * admin: ADMIN_EMAIL with the Interlog.Admin app role (as in production); bootstrapAdmin: ADMIN_EMAIL by the
 * ADMIN_EMAILS bootstrap only (admin only until any app-role token is seen); idToken: the admin's ID token
 * (aud our client id, nonce, no scp, no azp); roleOnly: a user token with the app role and no scp; app: an
 * allow-listed app's own token (idtyp=app, app role); salespersonB: MN.
 */
export type TokenKind =
  | 'admin'
  | 'adminByAppRole'
  | 'bootstrapAdmin'
  | 'salesperson'
  | 'salespersonB'
  | 'nobody'
  | 'idToken'
  | 'roleOnly'
  | 'app'
  | 'expired'
  | 'wrongAudience'
  | 'wrongIssuer'
  | 'wrongTenant'
  | 'foreignKey'
  | 'noScope';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  token?: TokenKind | string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ApiHarness {
  url: string;
  db: Database;
  services: Services;
  secrets: SecretBox;
  logs: string[];
  /** A collection read past mongoose (test assertions need no index). */
  raw(collection: string): ReturnType<NonNullable<Database['conn']['db']>['collection']>;
  token(kind: TokenKind, claims?: Record<string, unknown>): Promise<string>;
  request(method: string, path: string, o?: RequestOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where mail sources of logging setups point (the Graph emulator); default: nowhere reachable. */
  sourceEnv?: Omit<SourceEnvironment, 'secrets' | 'setups'>;
  secretsKey?: Buffer;
  seed?: boolean;
  rateLimit?: { windowMs: number; limit: number };
}

export async function startApiHarness(conn: Connection, opts: HarnessOptions = {}): Promise<ApiHarness> {
  const db = await wrapConnection(conn);
  if (opts.seed !== false) await seedDirectory(db);
  const cert = fs.readFileSync(process.env.INTERLOG_DEV_CERT!, 'utf8');
  const key = fs.readFileSync(process.env.INTERLOG_DEV_KEY!, 'utf8');

  const oidc = new OAuth2Server(process.env.INTERLOG_DEV_KEY!, process.env.INTERLOG_DEV_CERT!, {
    endpoints: { jwks: `/${TENANT}/discovery/v2.0/keys` },
  });
  await oidc.issuer.keys.generate('RS256');
  await oidc.start(0, 'localhost');
  const authority = `https://localhost:${oidc.address().port}`;
  oidc.issuer.url = `${authority}/${TENANT}/v2.0`;
  const stranger = new OAuth2Issuer(); // same claims, keys nobody published
  await stranger.keys.generate('RS256');
  stranger.url = oidc.issuer.url;

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination: sink });
  const secrets = createSecretBox(opts.secretsKey ?? crypto.randomBytes(32));
  const setups = new LoggingSetupRepository(db.models);
  const sourceEnv = opts.sourceEnv ?? {
    graphBaseUrl: 'https://127.0.0.1:9',
    authorityHost: 'https://127.0.0.1:9',
  };
  // Starting a job account's sign-in makes MSAL read the authority's metadata, so it needs an Entra ID that
  // answers even where mail sources point nowhere: the Graph emulator's, for TENANT.
  const identity = opts.sourceEnv ? null : await startGraphEmulator({ tenantId: TENANT });
  const signInEnv = identity
    ? { graphBaseUrl: identity.baseUrl, authorityHost: identity.baseUrl }
    : sourceEnv;
  const repos = createRepositories(db, { instanceId: 'api-test' });
  const services = createServices(repos, {
    secrets,
    sourceFor: (setup) => mailSourceForSetup(setup, { ...sourceEnv, secrets, setups }),
    signInFor: (setup, cache) => delegatedSignInFor(setup, { ...signInEnv, secrets }, cache),
  });

  const publicUrl = 'https://localhost:3000';
  const config: AuthConfig = {
    AUTH_MODE: 'entra',
    AUTHORITY_HOST: authority,
    ENTRA_TENANT_IDS: [TENANT],
    API_CLIENT_ID,
    API_SCOPE: 'access_as_user',
    ADMIN_EMAILS: [ADMIN_EMAIL],
    ALLOWED_CLIENT_IDS: [],
    APP_CLIENT_IDS: [APP_CLIENT_ID],
    PUBLIC_URL: publicUrl,
  };
  const auth = await createAuth(config, { identities: repos.identities, log });
  const api = createApiRouter({
    services,
    authenticator: auth.authenticator,
    log,
    publicUrl,
    session: {
      clientConfig: auth.clientConfig,
      internalDomains: ['contoso.example'],
      devIssuer: null,
      adminEmails: [],
    },
    validateResponses: true,
    rateLimit: opts.rateLimit ?? { windowMs: 60_000, limit: 1_000_000 },
  });
  const app = createApp({
    log,
    publicUrl,
    addinDir: '/nonexistent',
    health: async () => ({ database: 'ok' }),
    api,
  });
  const server = https.createServer({ cert, key }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}`;

  const userClaims = (email: string) => ({
    aud: API_CLIENT_ID,
    tid: TENANT,
    oid: oidOf(email),
    azp: API_CLIENT_ID,
    scp: 'access_as_user',
    preferred_username: email,
    name: email.split('@')[0],
    ver: '2.0',
  });

  async function token(kind: TokenKind, extra: Record<string, unknown> = {}): Promise<string> {
    const email =
      kind === 'salesperson'
        ? SALESPERSON_EMAIL
        : kind === 'salespersonB'
          ? SALESPERSON_B_EMAIL
          : kind === 'nobody'
            ? NOBODY_EMAIL
            : ADMIN_EMAIL;
    const claims: Record<string, unknown> = { ...userClaims(email) };
    let issuer: OAuth2Issuer = oidc.issuer;
    let expiresIn = 600;
    switch (kind) {
      case 'admin':
        claims.roles = [ADMIN_APP_ROLE];
        break;
      case 'idToken':
        Object.assign(claims, { roles: [ADMIN_APP_ROLE], nonce: 'n-0S6_WzA2Mj', email: ADMIN_EMAIL });
        delete claims.scp;
        delete claims.azp;
        break;
      case 'roleOnly':
        claims.roles = [ADMIN_APP_ROLE];
        delete claims.scp;
        break;
      case 'app':
        Object.assign(claims, { azp: APP_CLIENT_ID, idtyp: 'app', roles: [ADMIN_APP_ROLE] });
        claims.oid = oidOf(APP_CLIENT_ID);
        for (const k of ['scp', 'preferred_username', 'name']) delete claims[k];
        break;
      case 'adminByAppRole':
        Object.assign(claims, userClaims('someone@contoso.example'), { roles: [ADMIN_APP_ROLE] });
        break;
      case 'expired':
        expiresIn = -600; // well past the verifier's clock tolerance
        break;
      case 'wrongAudience':
        claims.aud = 'api://some-other-api';
        break;
      case 'wrongIssuer':
        claims.iss = `https://login.microsoftonline.com/${TENANT}/v2.0`;
        break;
      case 'wrongTenant':
        claims.tid = OTHER_TENANT;
        claims.iss = `${authority}/${OTHER_TENANT}/v2.0`;
        break;
      case 'foreignKey':
        issuer = stranger;
        break;
      case 'noScope':
        delete claims.scp;
        break;
    }
    Object.assign(claims, extra);
    return issuer.buildToken({
      expiresIn,
      scopesOrTransform: (_header, payload) => Object.assign(payload, claims),
    });
  }

  const kinds = new Set<string>([
    'admin',
    'adminByAppRole',
    'bootstrapAdmin',
    'salesperson',
    'salespersonB',
    'nobody',
    'idToken',
    'roleOnly',
    'app',
    'expired',
    'wrongAudience',
    'wrongIssuer',
    'wrongTenant',
    'foreignKey',
    'noScope',
  ]);

  async function request(method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token)
      headers.authorization = `Bearer ${kinds.has(o.token) ? await token(o.token as TokenKind) : o.token}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
    // Redirects are answers to check (the consent callback), not something to follow.
    const res = await fetch(`${url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON (CSV, empty) */
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  return {
    url,
    db,
    services,
    secrets,
    logs,
    raw: (name) => db.conn.db!.collection(name),
    token,
    request,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await oidc.stop();
      await identity?.close();
    },
  };
}
