// Builds the /api/v1 router for a configuration, the process's repositories and the logging engine: services,
// authentication, routes. Used by server/main.ts; tests call createApiRouter with their own pieces.
import type { Router } from 'express';
import type { ClientConfig } from '../../shared/api/config.js';
import type { Config } from '../config/env.js';
import { createAuth } from '../http/auth/setup.js';
import type { Engine } from '../jobs/engine.js';
import { delegatedSignInFor } from '../mailsource/sourceForSetup.js';
import type { Logger } from '../logging/logger.js';
import type { Repositories } from '../repositories/index.js';
import { createServices, type ServiceOptions, type Services } from '../services/index.js';
import { createApiRouter } from './index.js';
import { clientConfigOf } from './session/routes.js';

export async function createApi(
  config: Config,
  repos: Repositories,
  log: Logger,
  engine: Engine,
  extra: Pick<ServiceOptions, 'notificationStatus'> = {},
): Promise<{
  router: Router;
  services: Services;
  /** What GET /config answers (the task pane's page carries it too: server/http/pageConfig.ts). */
  clientConfig: () => ClientConfig;
}> {
  const services = createServices(repos, {
    ...extra,
    secrets: engine.secrets,
    manualConfirmHours: config.MANUAL_CONFIRM_HOURS,
    sourceFor: (setup) => engine.sourceFor(setup),
    signInFor: (setup, cache) =>
      delegatedSignInFor(
        setup,
        {
          graphBaseUrl: config.GRAPH_BASE_URL,
          authorityHost: config.AUTHORITY_HOST,
          secrets: engine.secrets,
        },
        cache,
      ),
  });
  const auth = await createAuth(config, {
    identities: repos.identities,
    log,
  });
  const session = { clientConfig: auth.clientConfig, internalDomains: config.INTERNAL_DOMAINS };
  const router = createApiRouter({
    services,
    authenticator: auth.authenticator,
    log,
    publicUrl: config.PUBLIC_URL,
    session: {
      ...session,
      linkLostHelp: config.LINK_LOST_HELP,
      devIssuer: auth.devIssuer,
      adminEmails: config.ADMIN_EMAILS,
    },
    validateResponses:
      (config.RESPONSE_VALIDATION ?? (config.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
  });
  return { router, services, clientConfig: () => clientConfigOf(session) };
}
