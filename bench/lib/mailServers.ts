// What the IMAP benchmarks share: the tests' real Dovecot + Postfix (test/support/mailServers.ts) started from
// the orchestrator, a benchmark database seeded with the generated directory and an IMAP logging setup of the
// benchmark mailbox, and the generated mail as a mail server stores it.
import crypto from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { openDatabase } from '../../server/repositories/db.js';
import { LoggingSetupRepository, type LoggingSetup } from '../../server/repositories/loggingSetups.js';
import { createSecretBox } from '../../server/security/secretBox.js';
import type { MessageSeed } from '../../scripts/graph-emulator/types.js';
import { rfc5322Of } from '../../test/support/imapEngineHarness.js';
import { startMailServers, type MailServers } from '../../test/support/mailServers.js';
import { generateDirectory, type DirectorySpec } from './dataset.js';
import type { BenchContext } from './context.js';
import { BENCH_MAILBOX, insertChunked } from './seed.js';

/** Dovecot and Postfix as the tests start them, or the reason they cannot run here (a not-measured note). */
export async function startBenchMailServers(
  ctx: BenchContext,
): Promise<{ servers: MailServers } | { missing: string }> {
  // test/support/mailServers.ts reads the development certificates from the environment, as under `npm test`.
  process.env.INTERLOG_DEV_CERT = ctx.certs.certPath;
  process.env.INTERLOG_DEV_KEY = ctx.certs.keyPath;
  process.env.INTERLOG_DEV_CA = ctx.certs.caCertPath;
  try {
    const password = crypto.randomBytes(12).toString('hex');
    return { servers: await startMailServers({ logging: { user: BENCH_MAILBOX, password } }) };
  } catch (err) {
    const message = String(err);
    if (/Dovecot and Postfix are needed/.test(message)) return { missing: message };
    throw err;
  }
}

/** A fresh database with the directory and the benchmark mailbox's IMAP setup (STARTTLS, the dev CA trusted). */
export async function seedImapDatabase(
  ctx: BenchContext,
  dbName: string,
  spec: DirectorySpec,
  servers: MailServers,
  setup: Partial<LoggingSetup>,
): Promise<{ secretsKey: string }> {
  const db = await openDatabase(ctx.db.uri, { dbName });
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
      provider: 'imap',
      imap: {
        host: servers.host,
        port: servers.imapPort,
        security: 'starttls',
        user: servers.logging.user,
        passwordSealed: createSecretBox(key).seal(servers.logging.password),
        caPem: servers.ca,
        archiveFolderName: null,
        junkFolderName: null,
        trashFolderName: null,
        auth: 'password',
        oauth: null,
      },
      ...setup,
    });
    ctx.db.tune(dbName);
    return { secretsKey: key.toString('base64') };
  } finally {
    await db.close();
  }
}

/** Empties the benchmark mailbox's folders (a run leaves its mail in Archive). */
export function emptyMailbox(servers: MailServers): void {
  for (const folder of ['INBOX', 'Archive', 'Junk', 'Trash'])
    servers.doveadm(['expunge', '-u', servers.logging.user, 'mailbox', folder, 'all']);
}

/** Puts messages into the INBOX with IMAP APPEND over `connections` sessions in parallel (not measured). */
export async function appendAll(
  servers: MailServers,
  messages: MessageSeed[],
  connections = 4,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    const client = new ImapFlow({
      host: servers.host,
      port: servers.imapsPort,
      secure: true,
      tls: { ca: servers.ca },
      auth: { user: servers.logging.user, pass: servers.logging.password },
      logger: false,
    });
    await client.connect();
    try {
      while (next < messages.length) {
        const seed = messages[next++]!;
        const at = seed.receivedDateTime ? new Date(seed.receivedDateTime) : new Date();
        await client.append('INBOX', rfc5322Of(seed, at), [], at);
      }
    } finally {
      await client.logout().catch(() => {});
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

/** The engine worker's `prepare` needs Graph endpoints for its configuration; an IMAP setup never calls them. */
export const NO_GRAPH = {
  baseUrl: 'https://graph.invalid',
  tenantId: '00000000-0000-0000-0000-000000000000',
  clientId: '00000000-0000-0000-0000-000000000000',
  clientSecret: 'unused',
};
