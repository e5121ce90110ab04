// The Entra ID side: OpenID metadata, JWKS, a simulated /authorize (the configured user named by login_hint
// signs in and consents at once) and the v2 token endpoint for client credentials, authorization codes and
// refresh tokens. Enough for real @azure/msal-node with `knownAuthorities: ['127.0.0.1:PORT']`.
import express, { type Request, type Response } from 'express';
import { authorize } from './authorize-endpoint.js';
import { EntraError } from './errors.js';
import { endpoints, type IdentityContext } from './identity-context.js';
import { token } from './token-endpoint.js';

export type { IdentityContext } from './identity-context.js';

function openIdConfiguration(ctx: IdentityContext) {
  return {
    ...endpoints(ctx),
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'oid',
    ],
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: 'graph.microsoft.com',
  };
}

export function identityRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  // Only the tenant the emulator was started with exists; Entra answers others with AADSTS90002.
  const tenant =
    (handler: (req: Request, res: Response) => unknown) =>
    async (req: Request, res: Response): Promise<void> => {
      if (req.params.tenant !== ctx.tenantId) {
        const err = new EntraError(
          400,
          'invalid_request',
          90002,
          `Tenant '${String(req.params.tenant)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        );
        res.status(400).json(err.body(ctx.now(), req.header('client-request-id')));
        return;
      }
      await handler(req, res);
    };
  router.get(
    '/:tenant/v2.0/.well-known/openid-configuration',
    tenant((_req, res) => res.json(openIdConfiguration(ctx))),
  );
  router.get(
    '/:tenant/discovery/v2.0/keys',
    tenant((_req, res) => res.json(ctx.tokens.jwks())),
  );
  router.get(
    '/:tenant/oauth2/v2.0/authorize',
    tenant((req, res) => authorize(ctx, req, res)),
  );
  router.get(
    '/:tenant/oauth2/v2.0/logout',
    tenant((req, res) => {
      const back = req.query.post_logout_redirect_uri;
      if (typeof back === 'string') res.redirect(302, back);
      else
        res
          .type('html')
          .send('<!doctype html><title>Signed out</title><p>You signed out of your account.</p>');
    }),
  );
  router.post(
    '/:tenant/oauth2/v2.0/token',
    express.urlencoded({ extended: false }),
    tenant(async (req, res) => {
      res.set('Cache-Control', 'no-store');
      try {
        res.json(await token(ctx, req));
      } catch (e) {
        if (!(e instanceof EntraError)) throw e;
        res.status(e.status).json(e.body(ctx.now(), req.header('client-request-id')));
      }
    }),
  );
  return router;
}
