// Builds the MailSource a logging setup describes: unseals its credential and backs the delegated flow's
// MSAL token cache with the setup document (sealed at rest).
import type { GraphRequestEvent } from '../mailsource/graph/policyMiddleware.js';
import type { GraphCredential, TokenCacheStore } from '../mailsource/graph/config.js';
import { createMailSource } from '../mailsource/factory.js';
import type { MailSource } from '../mailsource/MailSource.js';
import { MailSourceError } from '../mailsource/MailSource.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { SecretBox } from '../security/secretBox.js';

export interface SourceEnvironment {
  graphBaseUrl: string;
  authorityHost: string;
  secrets: SecretBox;
  setups: LoggingSetupRepository;
  onRequest?: (event: GraphRequestEvent) => void;
}

export function tokenCacheStoreFor(mailbox: string, env: SourceEnvironment): TokenCacheStore {
  return {
    async load() {
      const setup = await env.setups.get(mailbox);
      return setup?.tokenCacheSealed ? env.secrets.open(setup.tokenCacheSealed) : null;
    },
    async save(serialized) {
      await env.setups.setTokenCache(mailbox, env.secrets.seal(serialized));
    },
  };
}

function credentialOf(setup: LoggingSetup, secrets: SecretBox): GraphCredential {
  if (setup.certificateKeySealed && setup.certificateThumbprint) {
    return {
      kind: 'certificate',
      thumbprintSha256: setup.certificateThumbprint,
      privateKey: secrets.open(setup.certificateKeySealed),
    };
  }
  if (setup.clientSecretSealed)
    return { kind: 'secret', clientSecret: secrets.open(setup.clientSecretSealed) };
  throw new MailSourceError('auth_failed', 'No client secret or certificate is set up for this mailbox.');
}

export function mailSourceForSetup(setup: LoggingSetup, env: SourceEnvironment): MailSource {
  if (!setup.tenantId || !setup.clientId) {
    throw new MailSourceError(
      'auth_failed',
      'The tenant id and client id of the app registration are not set up.',
    );
  }
  return createMailSource(
    {
      provider: 'graph',
      graph: {
        mailbox: setup.mailbox,
        auth: {
          tenantId: setup.tenantId,
          clientId: setup.clientId,
          credential: credentialOf(setup, env.secrets),
          mode:
            setup.authMode === 'delegated'
              ? { kind: 'delegated', cacheStore: tokenCacheStoreFor(setup.mailbox, env) }
              : { kind: 'application' },
          authorityHost: env.authorityHost,
          graphBaseUrl: env.graphBaseUrl,
        },
      },
    },
    { onRequest: env.onRequest },
  );
}
