// Seeds a benchmark database from the orchestrator process (so the measured engine process does only what the
// server does): the generated directory, bulk-inserted, and the logging setup of the benchmark mailbox.
import crypto from 'node:crypto';
import { openDatabase } from '../../server/repositories/db.js';
import { LoggingSetupRepository, type LoggingSetup } from '../../server/repositories/loggingSetups.js';
import { createSecretBox } from '../../server/security/secretBox.js';
import type { EmulatorInfo } from '../workers/graphEmulator.js';
import { generateDirectory, type DirectorySpec } from './dataset.js';

export const BENCH_MAILBOX = 'logging@contoso.example';
/** FerretDB 1.24 never answers write commands of 100+ statements. */
const INSERT_CHUNK = 50;

export interface SeededDatabase {
  /** The SECRETS_KEY the engine must use to open the sealed client secret (base64). */
  secretsKey: string;
  contacts: number;
  seconds: number;
}

export async function insertChunked(
  collection: { insertMany(docs: never[], o: object): Promise<unknown> },
  docs: object[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    await collection.insertMany(docs.slice(i, i + INSERT_CHUNK) as never[], { ordered: false });
  }
}

export async function seedEngineDatabase(
  uri: string,
  dbName: string,
  spec: DirectorySpec,
  emulator: EmulatorInfo,
  setup: Partial<LoggingSetup>,
): Promise<SeededDatabase> {
  const t0 = Date.now();
  const db = await openDatabase(uri, { dbName });
  try {
    const dir = generateDirectory(spec);
    const now = new Date();
    await insertChunked(
      db.models.Salesperson.collection,
      dir.salespeople.map((s) => ({ ...s, createdAt: now, updatedAt: now })),
    );
    await insertChunked(
      db.models.Contact.collection,
      dir.contacts.map((c) => ({ ...c, createdAt: now, updatedAt: now })),
    );
    const key = crypto.randomBytes(32);
    await new LoggingSetupRepository(db.models).upsert(BENCH_MAILBOX, {
      enabled: true,
      provider: 'graph',
      authMode: 'app',
      tenantId: emulator.tenantId,
      clientId: emulator.clientId,
      clientSecretSealed: createSecretBox(key).seal(emulator.clientSecret),
      ...setup,
    });
    return {
      secretsKey: key.toString('base64'),
      contacts: dir.contacts.length,
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await db.close();
  }
}
