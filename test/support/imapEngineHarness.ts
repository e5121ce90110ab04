// The logging engine wired to a real database and a real Dovecot + Postfix (test/support/mailServers.ts) through
// an IMAP logging setup, as production wires it (server/mailsource/sourceForSetup.ts): the same engine code as
// the Graph harness, only the adapter differs.
import crypto from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { Connection } from 'mongoose';
import { engineDepsOf } from '../../server/jobs/engine.js';
import { runMailbox, type EngineDeps, type RunOptions } from '../../server/jobs/mailboxRun.js';
import type { MailSource } from '../../server/mailsource/MailSource.js';
import { mailSourceForSetup, type SourceEnvironment } from '../../server/mailsource/sourceForSetup.js';
import { wrapConnection, type Database } from '../../server/repositories/db.js';
import { createRepositories, type Repositories } from '../../server/repositories/index.js';
import type { JobRun } from '../../server/repositories/jobRuns.js';
import type { LoggingSetup } from '../../server/repositories/loggingSetups.js';
import { createSecretBox } from '../../server/security/secretBox.js';
import type { EmailAddressSeed, MessageSeed } from '../../scripts/graph-emulator/types.js';
import { seedDirectory } from './engineHarness.js';
import { startMailServers, type MailServers } from './mailServers.js';
import { sendMail } from './smtp.js';

export const IMAP_MAILBOX = 'logging@contoso.example';

export interface ImapEngineHarness {
  servers: MailServers;
  db: Database;
  deps: EngineDeps;
  repos: Repositories;
  env: SourceEnvironment;
  /** The SECRETS_KEY the setup's password is sealed with (for a CLI worker of the same setup). */
  secretsKey: Buffer;
  /** A separate IMAP session of the test's own, to look into the mailbox. */
  admin: ImapFlow;
  setup(): Promise<LoggingSetup>;
  /** One run; `wrap` may stand between the engine and the setup's real source (a run that dies mid-way). */
  run(opts?: Partial<RunOptions>, wrap?: (source: MailSource) => MailSource): Promise<JobRun>;
  /** Submits a mail to Postfix over SMTP, as a mail client would. */
  send(from: string, to: string[], headers: string[], body?: string): Promise<void>;
  /** Puts a generated message (test/support/mailGenerator.ts) straight into the INBOX (IMAP APPEND). */
  append(seed: MessageSeed): Promise<void>;
  /** Waits until `folder` holds `count` messages (Postfix delivers asynchronously). */
  waitForCount(folder: string, count: number, timeoutMs?: number): Promise<void>;
  count(folder: string): Promise<number>;
  close(): Promise<void>;
}

const addressOf = (a: EmailAddressSeed) => (a.name ? `"${a.name}" <${a.address}>` : `<${a.address}>`);

/** The emulator's message seed as the mail a mail server would store. */
export function rfc5322Of(seed: MessageSeed, at: Date): string {
  const lines = [
    ...(seed.from ? [`From: ${addressOf(seed.from)}`] : []),
    ...(seed.sender && seed.sender.address !== seed.from?.address
      ? [`Sender: ${addressOf(seed.sender)}`]
      : []),
    ...(seed.toRecipients?.length ? [`To: ${seed.toRecipients.map(addressOf).join(', ')}`] : []),
    ...(seed.ccRecipients?.length ? [`Cc: ${seed.ccRecipients.map(addressOf).join(', ')}`] : []),
    `Subject: ${seed.subject ?? ''}`,
    ...(seed.internetMessageId ? [`Message-ID: ${seed.internetMessageId}`] : []),
    `Date: ${new Date(seed.sentDateTime ?? at).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${seed.body?.content ?? 'Hello'}\r\n`;
}

export async function startImapEngineHarness(
  conn: Connection,
  opts: { setup?: Partial<LoggingSetup> } = {},
): Promise<ImapEngineHarness> {
  const servers = await startMailServers({ logging: { user: IMAP_MAILBOX, password: 'logging-secret-1' } });
  const db = await wrapConnection(conn);
  await seedDirectory(db);
  const secretsKey = crypto.randomBytes(32);
  const secrets = createSecretBox(secretsKey);
  const repos = createRepositories(db, { instanceId: 'imap-harness' });
  await repos.setups.upsert(IMAP_MAILBOX, {
    enabled: true,
    provider: 'imap',
    imap: {
      host: servers.host,
      port: servers.imapPort,
      security: 'starttls',
      user: servers.logging.user,
      passwordSealed: secrets.seal(servers.logging.password),
      caPem: servers.ca,
      archiveFolderName: null,
      junkFolderName: null,
      trashFolderName: null,
    },
    batchSize: 50,
    ...opts.setup,
  });
  const deps = engineDepsOf(repos, () => new Date(), 'test-instance');
  // The Graph endpoints are never used by an IMAP setup.
  const env: SourceEnvironment = {
    graphBaseUrl: 'https://graph.invalid',
    authorityHost: 'https://login.invalid',
    secrets,
    setups: repos.setups,
  };
  const admin = new ImapFlow({
    host: servers.host,
    port: servers.imapsPort,
    secure: true,
    tls: { ca: servers.ca },
    auth: { user: servers.logging.user, pass: servers.logging.password },
    logger: false,
  });
  await admin.connect();
  const count = async (folder: string) => {
    const status = await admin.status(folder, { messages: true });
    return status ? (status.messages ?? 0) : 0;
  };
  return {
    servers,
    db,
    deps,
    repos,
    env,
    secretsKey,
    admin,
    setup: async () => (await repos.setups.get(IMAP_MAILBOX))!,
    async run(runOpts = {}, wrap = (s) => s) {
      const setup = (await repos.setups.get(IMAP_MAILBOX))!;
      const source = mailSourceForSetup(setup, env);
      try {
        return await runMailbox(deps, setup, wrap(source), { trigger: 'manual', ...runOpts });
      } finally {
        // Dovecot allows 10 sessions per user and address: runs in quick succession must not wait for idle close.
        await (source as { close?: () => Promise<void> }).close?.();
      }
    },
    async send(from, to, headers, body = 'Hello,\r\n\r\nbest regards\r\n') {
      await sendMail(servers.smtpPort, { from, to }, `${headers.join('\r\n')}\r\n\r\n${body}`);
    },
    count,
    async append(seed) {
      const at = seed.receivedDateTime ? new Date(seed.receivedDateTime) : new Date();
      await admin.append('INBOX', rfc5322Of(seed, at), [], at);
    },
    async waitForCount(folder, n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await count(folder)) < n) {
        if (Date.now() > deadline)
          throw new Error(`${folder} did not reach ${n} messages\n${servers.logs().slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await admin.logout().catch(() => {});
      await servers.stop();
    },
  };
}
