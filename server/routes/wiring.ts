// Builds the /api/v1 router for a configuration, a database and the logging engine: services, authentication,
// routes. Used by server/main.ts; tests call createApiRouter with their own pieces.
import type { Router } from 'express';
import type { Config } from '../config/env.js';
import { createAuth } from '../http/auth/setup.js';
import type { Engine } from '../jobs/engine.js';
import { delegatedSignInFor } from '../mailsource/sourceForSetup.js';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../repositories/db.js';
import { createServices, type Services } from '../services/index.js';
import { createApiRouter } from './index.js';

export async function createApi(
  config: Config,
  db: Database,
  log: Logger,
  engine: Engine,
): Promise<{ router: Router; services: Services }> {
  const services = createServices(db, {
    instanceId: config.INSTANCE_ID,
    secrets: engine.secrets,
    numbers: engine.numbers,
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
    salespersonByEmail: (email) => services.masterData.salespersonByEmail(email),
    log,
  });
  const router = createApiRouter({
    services,
    authenticator: auth.authenticator,
    log,
    publicUrl: config.PUBLIC_URL,
    session: {
      clientConfig: auth.clientConfig,
      internalDomains: config.INTERNAL_DOMAINS,
      devIssuer: auth.devIssuer,
    },
    validateResponses: config.NODE_ENV !== 'production',
  });
  return { router, services };
}
