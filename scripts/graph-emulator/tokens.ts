// Tokens the emulated Entra ID issues and the emulated Graph checks: RS256 JWTs signed with a key published
// on the JWKS endpoint, plus opaque authorization codes and refresh tokens kept in memory.
import { randomBytes } from 'node:crypto';
import * as jose from 'jose';
import { GraphHttpError } from './errors.js';
import type { UserRegistration } from './types.js';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** Graph's well-known application id, which Graph puts in its WWW-Authenticate challenge. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface Principal {
  clientId: string;
  kind: 'app' | 'user';
  roles: string[];
  scopes: string[];
  user?: { username: string; oid: string; name: string };
}

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  user: UserRegistration;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresMs: number;
}

export interface RefreshGrant {
  clientId: string;
  user: UserRegistration;
  scopes: string[];
}

interface TokenServiceOptions {
  tenantId: string;
  /** Issuer of v2 tokens and ID tokens (the openid-configuration issuer); known once the server listens. */
  issuerV2: () => string;
  lifetimeSeconds: number;
  now: () => number;
}

const unauthorized = (message: string) =>
  new GraphHttpError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });

export class TokenService {
  private seq = 0;
  /** Tokens whose `uti` sequence is at or below this were issued before expireAllTokens(). */
  private expiredUpTo = 0;
  private readonly verified = new Map<string, jose.JWTPayload>();
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  private constructor(
    private readonly opts: TokenServiceOptions,
    private readonly privateKey: jose.CryptoKey,
    private readonly publicKey: jose.CryptoKey,
    private readonly publicJwk: jose.JWK,
  ) {}

  static async create(opts: TokenServiceOptions): Promise<TokenService> {
    const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const jwk = await jose.exportJWK(publicKey);
    const kid = await jose.calculateJwkThumbprint(jwk);
    return new TokenService(opts, privateKey, publicKey, {
      ...jwk,
      kid,
      use: 'sig',
      alg: 'RS256',
      kty: 'RSA',
    });
  }

  get graphIssuer(): string {
    return `https://sts.windows.net/${this.opts.tenantId}/`;
  }

  jwks(): { keys: jose.JWK[] } {
    return { keys: [this.publicJwk] };
  }

  get lifetimeSeconds(): number {
    return this.opts.lifetimeSeconds;
  }

  private sign(claims: jose.JWTPayload): Promise<string> {
    const nowS = Math.floor(this.opts.now() / 1000);
    return new jose.SignJWT({ ...claims, uti: String((this.seq += 1)) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.publicJwk.kid! })
      .setIssuedAt(nowS)
      .setNotBefore(nowS)
      .setExpirationTime(nowS + this.opts.lifetimeSeconds)
      .sign(this.privateKey);
  }

  /** Access token for `resource`: Graph gets a v1-style token (as Entra issues for Graph), others v2. */
  accessToken(p: {
    clientId: string;
    resource: string;
    roles?: string[];
    scopes?: string[];
    user?: UserRegistration;
  }) {
    const graph = p.resource === GRAPH_RESOURCE;
    const claims: jose.JWTPayload = {
      aud: p.resource,
      iss: graph ? this.graphIssuer : this.opts.issuerV2(),
      appid: p.clientId,
      azp: p.clientId,
      tid: this.opts.tenantId,
      ver: graph ? '1.0' : '2.0',
      idtyp: p.user ? 'user' : 'app',
    };
    if (p.user) {
      Object.assign(claims, {
        oid: p.user.oid,
        sub: p.user.oid,
        upn: p.user.username,
        unique_name: p.user.username,
        preferred_username: p.user.username,
        name: p.user.name,
        scp: (p.scopes ?? []).join(' '),
      });
    } else {
      Object.assign(claims, { oid: p.clientId, sub: p.clientId, roles: p.roles ?? [] });
    }
    return this.sign(claims);
  }

  idToken(p: { clientId: string; user: UserRegistration; nonce?: string }): Promise<string> {
    return this.sign({
      aud: p.clientId,
      iss: this.opts.issuerV2(),
      tid: this.opts.tenantId,
      oid: p.user.oid,
      sub: p.user.oid,
      name: p.user.name,
      preferred_username: p.user.username,
      ver: '2.0',
      ...(p.nonce ? { nonce: p.nonce } : {}),
    });
  }

  expireAll(): void {
    this.expiredUpTo = this.seq;
  }

  /** Checks a Graph bearer token as Graph does; throws 401 InvalidAuthenticationToken otherwise. */
  async verifyGraph(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (!token) throw unauthorized('Access token is empty.');
    let payload = this.verified.get(token);
    if (!payload) {
      try {
        ({ payload } = await jose.jwtVerify(token, this.publicKey, {
          currentDate: new Date(this.opts.now()),
        }));
      } catch (e) {
        if (e instanceof jose.errors.JWTExpired)
          throw unauthorized('Lifetime validation failed, the token is expired.');
        throw unauthorized(
          e instanceof jose.errors.JWSInvalid || e instanceof jose.errors.JWTInvalid
            ? 'IDX14100: JWT is not well formed.'
            : 'Access token validation failure.',
        );
      }
      if (payload.aud !== GRAPH_RESOURCE)
        throw unauthorized('Access token validation failure. Invalid audience.');
      if (payload.iss !== this.graphIssuer)
        throw unauthorized('Access token validation failure. Invalid issuer.');
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(token, payload);
    }
    const expired = (payload.exp ?? 0) * 1000 <= this.opts.now() || Number(payload.uti) <= this.expiredUpTo;
    if (expired) throw unauthorized('Lifetime validation failed, the token is expired.');
    const user = payload.idtyp === 'user';
    return {
      clientId: String(payload.appid),
      kind: user ? 'user' : 'app',
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      scopes: typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [],
      ...(user
        ? { user: { username: String(payload.upn), oid: String(payload.oid), name: String(payload.name) } }
        : {}),
    };
  }

  createCode(grant: CodeGrant): string {
    const code = `0.A${randomBytes(48).toString('base64url')}`;
    this.codes.set(code, grant);
    return code;
  }

  /** Codes are single-use, like Entra's. */
  takeCode(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresMs > this.opts.now() ? grant : undefined;
  }

  createRefreshToken(grant: RefreshGrant): string {
    const token = `1.A${randomBytes(64).toString('base64url')}`;
    this.refreshTokens.set(token, grant);
    return token;
  }

  refreshGrant(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  revokeRefreshTokens(clientId: string): void {
    for (const [t, g] of this.refreshTokens) if (g.clientId === clientId) this.refreshTokens.delete(t);
  }
}
