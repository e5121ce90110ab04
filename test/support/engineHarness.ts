// A logging engine wired to a real database and the Graph emulator over HTTPS, driven through the real MSAL
// and Graph SDK, as production wires it (server/mailsource/sourceForSetup.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { wrapConnection, type Database } from '../../server/repositories/db.js';
import { createRepositories, type Repositories } from '../../server/repositories/index.js';
import type { LoggingSetup } from '../../server/repositories/loggingSetups.js';
import {
  MasterDataRepository,
  type Contact,
  type Salesperson,
} from '../../server/repositories/masterData.js';
import { createSecretBox, type SecretBox } from '../../server/security/secretBox.js';
import { engineDepsOf } from '../../server/jobs/engine.js';
import { runMailbox, type EngineDeps, type RunOptions } from '../../server/jobs/mailboxRun.js';
import { mailSourceForSetup, type SourceEnvironment } from '../../server/mailsource/sourceForSetup.js';
import type { JobRun } from '../../server/repositories/jobRuns.js';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../scripts/graph-emulator/index.js';
import type { GraphEmulator, GraphEmulatorOptions } from '../../scripts/graph-emulator/types.js';
import { repoRoot } from '../../scripts/lib/paths.js';

export const MAILBOX = 'logging@contoso.example';

export interface EngineHarness {
  emu: GraphEmulator;
  db: Database;
  deps: EngineDeps;
  /** Every repository of the harness's database (the composition root's). */
  repos: Repositories;
  env: SourceEnvironment;
  secrets: SecretBox;
  secretsKey: Buffer;
  setup(): Promise<LoggingSetup>;
  run(opts?: Partial<RunOptions>): Promise<JobRun>;
  close(): Promise<void>;
}

export function loadDirectoryFixture(name = 'directory'): {
  salespeople: Salesperson[];
  contacts: Contact[];
} {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'test/fixtures/engine', `${name}.json`), 'utf8'));
}

export async function seedDirectory(db: Database, dir = loadDirectoryFixture()): Promise<void> {
  const master = new MasterDataRepository(db.models);
  for (const sp of dir.salespeople) await master.upsertSalesperson(sp);
  for (const c of dir.contacts) await master.insertContact(c);
}

export async function startEngineHarness(
  conn: Connection,
  opts: { emulator?: GraphEmulatorOptions; setup?: Partial<LoggingSetup>; directory?: boolean } = {},
): Promise<EngineHarness> {
  const db = await wrapConnection(conn);
  const emu = await startGraphEmulator({ enforceLimits: true, ...opts.emulator });
  if (!opts.emulator?.mailboxes) emu.addMailbox({ address: MAILBOX, displayName: 'Email logging' });
  if (opts.directory !== false) await seedDirectory(db);
  const secretsKey = crypto.randomBytes(32);
  const secrets = createSecretBox(secretsKey);
  const repos = createRepositories(db, { instanceId: 'harness' });
  const setups = repos.setups;
  await setups.upsert(MAILBOX, {
    enabled: true,
    provider: 'graph',
    authMode: 'app',
    tenantId: emu.tenantId,
    clientId: DEFAULT_CLIENT.clientId,
    clientSecretSealed: secrets.seal(DEFAULT_CLIENT.clientSecret!),
    batchSize: 50,
    ...opts.setup,
  });
  const deps = engineDepsOf(repos, () => new Date(), 'test-instance');
  const env: SourceEnvironment = { graphBaseUrl: emu.baseUrl, authorityHost: emu.baseUrl, secrets, setups };
  return {
    emu,
    db,
    deps,
    repos,
    env,
    secrets,
    secretsKey,
    setup: async () => (await setups.get(MAILBOX))!,
    async run(runOpts = {}) {
      const setup = (await setups.get(MAILBOX))!;
      return runMailbox(deps, setup, mailSourceForSetup(setup, env), { trigger: 'manual', ...runOpts });
    },
    close: () => emu.close(),
  };
}
