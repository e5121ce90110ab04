// Wires the logging engine from the process's repositories and configuration: used by the server, the CLI and
// the API (which shares its secret box, mail sources and number series).
import type { Config } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { Repositories } from '../repositories/index.js';
import type { LeaseRepository } from '../repositories/leases.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { NumberSeries } from '../repositories/numberSeries.js';
import { createSecretBox, type SecretBox } from '../security/secretBox.js';
import type { MailSource } from '../mailsource/MailSource.js';
import { processOwner } from './leasedRun.js';
import type { EngineDeps } from './mailboxRun.js';
import { mailSourceForSetup, type SourceEnvironment } from '../mailsource/sourceForSetup.js';

export interface Engine {
  deps: EngineDeps;
  /** This process's lease owner: INSTANCE_ID plus a random token, so two processes never share a lease. */
  owner: string;
  leases: LeaseRepository;
  secrets: SecretBox;
  numbers: NumberSeries;
  sourceFor(setup: LoggingSetup): MailSource;
}

/** What a run needs of the repositories, with its clock and the instance it runs on. */
export function engineDepsOf(repos: Repositories, now: () => Date, instanceId: string): EngineDeps {
  return {
    interactions: repos.interactions,
    legacyDns: repos.legacyDns,
    manualConfirmations: repos.manualConfirmations,
    settings: repos.settings,
    masterData: repos.masterData,
    states: repos.states,
    pending: repos.pending,
    jobRuns: repos.jobRuns,
    setups: repos.setups,
    now,
    instanceId,
  };
}

export function createEngine(
  repos: Repositories,
  config: Pick<Config, 'secretsKey' | 'GRAPH_BASE_URL' | 'AUTHORITY_HOST' | 'INSTANCE_ID'>,
  opts: { now?: () => Date; log?: Logger; onRequest?: SourceEnvironment['onRequest'] } = {},
): Engine {
  const now = opts.now ?? (() => new Date());
  const secrets = createSecretBox(config.secretsKey);
  const env: SourceEnvironment = {
    graphBaseUrl: config.GRAPH_BASE_URL,
    authorityHost: config.AUTHORITY_HOST,
    secrets,
    setups: repos.setups,
    onRequest: opts.onRequest,
  };
  return {
    owner: processOwner(config.INSTANCE_ID),
    deps: engineDepsOf(repos, now, config.INSTANCE_ID),
    leases: repos.leases,
    secrets,
    numbers: repos.numbers,
    sourceFor: (setup) => mailSourceForSetup(setup, env),
  };
}
