// Builds the MailSource a logging setup describes: unseals its credential and backs the delegated flow's
// MSAL token cache with the setup document (sealed at rest). The delegated job uses the account the consent
// flow signed in (`delegatedAccount.homeAccountId`), which that flow gets from delegatedSignInFor.
import { createGraphAuth, type GraphAuth } from './graph/auth.js';
import type { GraphRequestEvent } from './graph/policyMiddleware.js';
import type { GraphAuthConfig, GraphCredential, TokenCacheStore } from './graph/config.js';
import type { ImapMailSourceConfig } from './imap/config.js';
import { createImapSetupProbe, type ImapSetupProbe } from './imap/setupProbe.js';
import { createMailSource } from './factory.js';
import { imapSignInOf } from './imapSignIn.js';
import type { MailSource } from './MailSource.js';
import { MailSourceError } from './MailSource.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { SecretBox } from '../security/secretBox.js';

// What the rest of the server needs of the delegated flow's cache, without reaching into the Graph adapter.
export type { TokenCacheStore } from './graph/config.js';
export { createMemoryCacheStore } from './graph/tokenCachePlugin.js';

export interface SourceEnvironment {
  graphBaseUrl: string;
  authorityHost: string;
  secrets: SecretBox;
  setups: LoggingSetupRepository;
  onRequest?: (event: GraphRequestEvent) => void;
}

/**
 * The delegated job's MSAL cache in the setup document, sealed. A save goes only over the version this store
 * loaded: when "Renew token" stored a new sign-in meanwhile, the run's refreshed tokens are dropped, never the
 * new sign-in (the next load reads it).
 */
export function tokenCacheStoreFor(mailbox: string, env: SourceEnvironment): TokenCacheStore {
  let loaded = 0;
  return {
    async load() {
      const cache = await env.setups.tokenCache(mailbox);
      loaded = cache?.version ?? 0;
      return cache?.sealed ? env.secrets.open(cache.sealed) : null;
    },
    async save(serialized) {
      if (await env.setups.setTokenCache(mailbox, env.secrets.seal(serialized), loaded)) loaded += 1;
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

function authConfigOf(
  setup: LoggingSetup,
  env: Pick<SourceEnvironment, 'graphBaseUrl' | 'authorityHost' | 'secrets'>,
  mode: GraphAuthConfig['mode'],
): GraphAuthConfig {
  if (!setup.tenantId || !setup.clientId) {
    throw new MailSourceError(
      'auth_failed',
      'The tenant id and client id of the app registration are not set up.',
    );
  }
  return {
    tenantId: setup.tenantId,
    clientId: setup.clientId,
    credential: credentialOf(setup, env.secrets),
    mode,
    authorityHost: env.authorityHost,
    graphBaseUrl: env.graphBaseUrl,
  };
}

/**
 * The IMAP server and sign-in a setup describes, the password unsealed here (a key that cannot open it fails as
 * the Graph secret does). The mail source and "Validate setup"'s probe (imap/setupProbe.ts) both connect with it.
 */
export function imapConfigForSetup(setup: LoggingSetup, secrets: SecretBox): ImapMailSourceConfig {
  const imap = setup.imap;
  if (!imap) throw new MailSourceError('invalid_request', 'The IMAP server of this mailbox is not set up.');
  const auth = imapSignInOf(imap, secrets);
  const folders = {
    ...(imap.archiveFolderName ? { archive: imap.archiveFolderName } : {}),
    ...(imap.junkFolderName ? { junkemail: imap.junkFolderName } : {}),
    ...(imap.trashFolderName ? { deleteditems: imap.trashFolderName } : {}),
  };
  return {
    host: imap.host,
    port: imap.port,
    security: imap.security,
    auth,
    ca: imap.caPem,
    folders,
  };
}

/** "Validate setup"'s connection to an IMAP setup's server (jobs/validateImapSetup.ts). */
export function imapProbeForSetup(setup: LoggingSetup, secrets: SecretBox): ImapSetupProbe {
  return createImapSetupProbe(imapConfigForSetup(setup, secrets));
}

function imapSourceFor(setup: LoggingSetup, secrets: SecretBox): MailSource {
  return createMailSource({ provider: 'imap', imap: imapConfigForSetup(setup, secrets) });
}

export function mailSourceForSetup(setup: LoggingSetup, env: SourceEnvironment): MailSource {
  if (setup.provider === 'imap') return imapSourceFor(setup, env.secrets);
  // The token cache is opened by MSAL later, deep inside a token request; a key that cannot open it must say so
  // here, as a SecretUnreadableError (code secrets_key_mismatch), not as a sign-in failure.
  if (setup.authMode === 'delegated' && setup.tokenCacheSealed) env.secrets.open(setup.tokenCacheSealed);
  const mode: GraphAuthConfig['mode'] =
    setup.authMode === 'delegated'
      ? {
          kind: 'delegated',
          cacheStore: tokenCacheStoreFor(setup.mailbox, env),
          homeAccountId: setup.delegatedAccount?.homeAccountId ?? null,
        }
      : { kind: 'application' };
  return createMailSource(
    { provider: 'graph', graph: { mailbox: setup.mailbox, auth: authConfigOf(setup, env, mode) } },
    { onRequest: env.onRequest },
  );
}

/** The two calls of the authorization-code flow that signs a job account in. */
export type DelegatedSignIn = Pick<GraphAuth, 'getAuthCodeUrl' | 'acquireTokenByCode'>;

/**
 * MSAL for a delegated setup's sign-in, with the token cache the caller gives (the consent flow redeems the
 * code into an empty cache, so the new sign-in replaces whatever account was cached before).
 */
export function delegatedSignInFor(
  setup: LoggingSetup,
  env: Pick<SourceEnvironment, 'graphBaseUrl' | 'authorityHost' | 'secrets'>,
  cacheStore: TokenCacheStore,
): DelegatedSignIn {
  if (setup.authMode !== 'delegated') {
    throw new MailSourceError(
      'invalid_request',
      'Signing in is only used with delegated (job account) access.',
    );
  }
  return createGraphAuth(authConfigOf(setup, env, { kind: 'delegated', cacheStore }));
}
