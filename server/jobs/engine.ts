// Wires the logging engine from a database and configuration: used by the server, the CLI and the API.
import type { Config } from '../config/env.js';
import type { Logger } from '../logging/logger.js';
import type { Database } from '../repositories/db.js';
import { InteractionRepository } from '../repositories/interactions.js';
import { JobRunRepository } from '../repositories/jobRuns.js';
import { LeaseRepository } from '../repositories/leases.js';
import { LegacyDnRepository } from '../repositories/legacyDns.js';
import { LoggingSetupRepository, type LoggingSetup } from '../repositories/loggingSetups.js';
import { MasterDataRepository } from '../repositories/masterData.js';
import { MessageStateRepository } from '../repositories/messageStates.js';
import { NumberSeries } from '../repositories/numberSeries.js';
import { PendingArchiveRepository } from '../repositories/pendingArchives.js';
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

export function createEngine(
  db: Database,
  config: Pick<Config, 'secretsKey' | 'GRAPH_BASE_URL' | 'AUTHORITY_HOST' | 'INSTANCE_ID'>,
  opts: { now?: () => Date; log?: Logger; onRequest?: SourceEnvironment['onRequest'] } = {},
): Engine {
  const now = opts.now ?? (() => new Date());
  const secrets = createSecretBox(config.secretsKey);
  const numbers = new NumberSeries(db.models, config.INSTANCE_ID, now);
  const setups = new LoggingSetupRepository(db.models);
  const env: SourceEnvironment = {
    graphBaseUrl: config.GRAPH_BASE_URL,
    authorityHost: config.AUTHORITY_HOST,
    secrets,
    setups,
    onRequest: opts.onRequest,
  };
  return {
    owner: processOwner(config.INSTANCE_ID),
    deps: {
      interactions: new InteractionRepository(db.models, numbers, now),
      legacyDns: new LegacyDnRepository(db.models),
      masterData: new MasterDataRepository(db.models),
      states: new MessageStateRepository(db.models),
      pending: new PendingArchiveRepository(db.models, now),
      jobRuns: new JobRunRepository(db.models),
      setups,
      now,
      instanceId: config.INSTANCE_ID,
    },
    leases: new LeaseRepository(db.models),
    secrets,
    numbers,
    sourceFor: (setup) => mailSourceForSetup(setup, env),
  };
}
