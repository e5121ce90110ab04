// The demo shared mailbox for `npm start`: the project's Graph emulator (scripts/graph-emulator) with mail between
// the demo salespeople and contacts (conversations.ts), and an email-logging setup pointing at it, so the logging
// loop has real work from the first minute. New mail "arrives" every 45 s while the demo runs.
import { DEFAULT_MAX_ATTEMPTS } from '../../server/domain/policy.js';
import type { Database } from '../../server/repositories/db.js';
import { LoggingSetupRepository } from '../../server/repositories/loggingSetups.js';
import type { SecretBox } from '../../server/security/secretBox.js';
import { DEFAULT_CLIENT, startGraphEmulator } from '../graph-emulator/index.js';
import type { GraphEmulator, MessageSeed } from '../graph-emulator/types.js';
import { demoMailStream, splitDemoWeek, type DemoMail } from './conversations.js';

export const DEMO_MAILBOX = 'logging@contoso.example';
export const DEMO_TENANT = '9a1c3e5b-7d2f-4b6a-8c0e-1f3a5b7c9d2e';

/** How a generated message sits in the emulator's mailbox (BCC'd there by the mail-flow rule). */
export function demoMessageSeed(mail: DemoMail): MessageSeed {
  return {
    folder: 'inbox',
    subject: mail.subject,
    from: { address: mail.from.address, name: mail.from.name },
    toRecipients: mail.to.map((p) => ({ address: p.address, name: p.name })),
    ccRecipients: mail.cc.map((p) => ({ address: p.address, name: p.name })),
    receivedDateTime: mail.receivedAt.toISOString(),
    sentDateTime: mail.sentAt.toISOString(),
    internetMessageId: mail.internetMessageId,
    conversationId: mail.conversationId,
    body: { contentType: 'text', content: mail.body },
  };
}

export interface DemoMailboxOptions {
  /** The clock the mail is dated by (default: the real one). */
  now?: () => Date;
  /**
   * The mail generator's seed: default DEMO_SEED, the one seed.ts logs the history with, so the Inbox continues
   * the seeded week; a restart, whose history already holds that week, passes another.
   */
  seed?: number;
  /** How often new mail arrives (default 45 s). */
  arrivalEveryMs?: number;
}

export async function startDemoMailbox(
  db: Database,
  secrets: SecretBox,
  tls: { cert: string; key: string },
  options: DemoMailboxOptions = {},
): Promise<GraphEmulator> {
  const emu = await startGraphEmulator({ tenantId: DEMO_TENANT, tls });
  emu.addMailbox({ address: DEMO_MAILBOX, displayName: 'Contoso email logging' });
  const clock = options.now ?? (() => new Date());
  // The same week as the seeded history: its newest mail waits in the Inbox, and the stream goes on from there
  // (replies in the week's open threads, new threads).
  const stream = demoMailStream({ now: clock(), seed: options.seed });
  for (const mail of splitDemoWeek(stream.week).inbox)
    emu.addMessage(DEMO_MAILBOX, 'inbox', demoMessageSeed(mail));
  const arrivals = setInterval(
    () => emu.addMessage(DEMO_MAILBOX, 'inbox', demoMessageSeed(stream.next(clock()))),
    options.arrivalEveryMs ?? 45_000,
  );
  arrivals.unref();
  const close = emu.close;
  emu.close = () => {
    clearInterval(arrivals);
    return close();
  };

  const setups = new LoggingSetupRepository(db.models);
  const existing = await setups.get(DEMO_MAILBOX);
  // A demo last started with --imap points the setup at that run's Dovecot: back to the emulator.
  if (!existing || existing.provider !== 'graph') {
    await setups.upsert(DEMO_MAILBOX, {
      enabled: true,
      provider: 'graph',
      authMode: 'app',
      tenantId: DEMO_TENANT,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecretSealed: secrets.seal(DEFAULT_CLIENT.clientSecret!),
      batchSize: 50,
      intervalSeconds: 30,
      consentGiven: true,
      policy: {
        archiveFolder: 'archive',
        unmatched: 'delete',
        unmatchedFolder: null,
        quarantineFolder: 'Interlog quarantine',
        blocklist: [],
        maxAttempts: DEFAULT_MAX_ATTEMPTS,
        archiveRollover: 'off',
        archiveRolloverAtItems: null,
      },
    });
  }
  return emu;
}
