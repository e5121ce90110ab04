// POST /{tenant}/oauth2/v2.0/token: client credentials, authorization code (with PKCE and nonce) and
// refresh token grants, answering like Entra ID (AADSTS codes) so MSAL surfaces the same errors.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { authenticateClient, type ClientState } from './client-auth.js';
import { EntraError } from './errors.js';
import { endpoints, type IdentityContext } from './identity-context.js';
import { GRAPH_RESOURCE } from './tokens.js';
import type { UserRegistration } from './types.js';

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Splits requested scopes into the resource they address and the bare permission names. The emulator is Graph
 *  under its own base URL too (as a national cloud's Graph is its own resource), so a client configured with
 *  GRAPH_BASE_URL pointing here asks for `<baseUrl>/.default` and gets a Graph token. */
function resolveScopes(
  scope: string,
  ownBaseUrl?: string,
): { resource: string; names: string[]; oidc: Set<string> } {
  const all = scope.split(/\s+/).filter(Boolean);
  const oidc = new Set(all.filter((s) => OIDC_SCOPES.has(s.toLowerCase())));
  const resources = new Set<string>();
  const names: string[] = [];
  for (const s of all.filter((x) => !OIDC_SCOPES.has(x.toLowerCase()))) {
    const cut = s.lastIndexOf('/');
    const resource = cut > 0 ? s.slice(0, cut) : GRAPH_RESOURCE;
    resources.add(resource === ownBaseUrl ? GRAPH_RESOURCE : resource);
    names.push(cut > 0 ? s.slice(cut + 1) : s);
  }
  if (resources.size > 1) {
    throw new EntraError(
      400,
      'invalid_scope',
      28000,
      `Provided value for the input parameter scope '${scope}' is not valid because it contains more than one resource.`,
    );
  }
  return { resource: [...resources][0] ?? GRAPH_RESOURCE, names, oidc };
}

async function tokenResponse(
  ctx: IdentityContext,
  client: ClientState,
  user: UserRegistration,
  scope: string,
) {
  if (!client.consented) {
    throw new EntraError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${client.reg.clientId}'. Send an interactive authorization request for this user and resource.`,
    );
  }
  const { resource, names, oidc } = resolveScopes(scope, ctx.baseUrl());
  const clientId = client.reg.clientId;
  const accessToken = await ctx.tokens.accessToken({ clientId, resource, scopes: names, user });
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [...new Set(scope.split(/\s+/).filter(Boolean))].join(' '),
    expires_in: ctx.tokens.lifetimeSeconds,
    ext_expires_in: ctx.tokens.lifetimeSeconds,
    access_token: accessToken,
    client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: ctx.tenantId })).toString('base64url'),
  };
  if (oidc.has('offline_access'))
    body.refresh_token = ctx.tokens.createRefreshToken({ clientId, user, scopes: scope.split(/\s+/) });
  return body;
}

export async function token(ctx: IdentityContext, req: Request): Promise<Record<string, unknown>> {
  const form = (req.body ?? {}) as Record<string, string>;
  const grant = form.grant_type ?? '';
  ctx.countTokenRequest(grant || 'none');
  const client = await authenticateClient(form, req.headers.authorization, ctx.clients, {
    tenantId: ctx.tenantId,
    tokenEndpoint: endpoints(ctx).token_endpoint,
    nowMs: ctx.now(),
  });
  const clientId = client.reg.clientId;
  if (grant === 'client_credentials') {
    const scope = (form.scope ?? '').trim();
    if (!/^\S+\/\.default$/.test(scope)) {
      throw new EntraError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const requested = scope.slice(0, -'/.default'.length);
    const resource = requested === ctx.baseUrl() ? GRAPH_RESOURCE : requested;
    const roles =
      resource === GRAPH_RESOURCE ? (client.reg.roles ?? ['Mail.ReadWrite']) : (client.reg.roles ?? []);
    const accessToken = await ctx.tokens.accessToken({ clientId, resource, roles });
    const life = ctx.tokens.lifetimeSeconds;
    return { token_type: 'Bearer', expires_in: life, ext_expires_in: life, access_token: accessToken };
  }
  if (grant === 'authorization_code') {
    const code = ctx.tokens.takeCode(form.code ?? '');
    if (!code || code.clientId !== clientId) {
      throw new EntraError(
        400,
        'invalid_grant',
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      );
    }
    if (form.redirect_uri !== code.redirectUri) {
      throw new EntraError(
        400,
        'invalid_grant',
        500117,
        'The reply uri specified in the request does not match the reply uri used in the authorization request.',
      );
    }
    if (code.codeChallenge) {
      const verifier = form.code_verifier ?? '';
      const computed =
        code.codeChallengeMethod === 'S256'
          ? createHash('sha256').update(verifier).digest('base64url')
          : verifier;
      if (computed !== code.codeChallenge) {
        throw new EntraError(
          400,
          'invalid_grant',
          501481,
          'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        );
      }
    }
    const scope = form.scope ?? code.scopes.join(' ');
    const body = await tokenResponse(ctx, client, code.user, scope);
    if (resolveScopes(scope).oidc.has('openid')) {
      body.id_token = await ctx.tokens.idToken({
        clientId,
        user: code.user,
        ...(code.nonce ? { nonce: code.nonce } : {}),
      });
    }
    return body;
  }
  if (grant === 'refresh_token') {
    const rt = ctx.tokens.refreshGrant(form.refresh_token ?? '');
    if (!rt || rt.clientId !== clientId) {
      throw new EntraError(
        400,
        'invalid_grant',
        9002313,
        'Invalid request. Request is malformed or invalid.',
      );
    }
    const scope = form.scope ?? rt.scopes.join(' ');
    const body = await tokenResponse(ctx, client, rt.user, scope);
    if (resolveScopes(scope).oidc.has('openid'))
      body.id_token = await ctx.tokens.idToken({ clientId, user: rt.user });
    return body;
  }
  throw new EntraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
}
