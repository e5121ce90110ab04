// The demo logging mailbox on IMAP (`npm start -- --imap`, issue 14): the real local Dovecot and Postfix
// (scripts/lib/mailServers.ts) instead of the Graph emulator, the same generated mail (conversations.ts) put in
// its Inbox with IMAP APPEND (dated as generated), and an email-logging setup with provider 'imap' pointing at it.
// New mail arrives every 45 s while the demo runs; mail sent to Postfix's SMTP port is BCC'd there too.
import crypto from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { DEFAULT_MAX_ATTEMPTS } from '../../server/domain/policy.js';
import type { Database } from '../../server/repositories/db.js';
import { LoggingSetupRepository } from '../../server/repositories/loggingSetups.js';
import type { SecretBox } from '../../server/security/secretBox.js';
import { startMailServers, type MailServers, type ServerCertificates } from '../lib/mailServers.js';
import { demoMailStream, splitDemoWeek, type DemoMail } from './conversations.js';
import { DEMO_MAILBOX, type DemoMailboxOptions } from './mailbox.js';

export interface DemoImapMailbox {
  servers: MailServers;
  /** Mail put in the Inbox so far (the week's part, then arrivals). */
  delivered(): number;
  close(): Promise<void>;
}

/** RFC 2047 for a header value that is not plain ASCII (Danish names and subjects). */
function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

const party = (p: { address: string; name: string }) => `${headerText(p.name)} <${p.address}>`;

/** A generated message as the mail server would store it after the BCC rule copied it to the logging mailbox. */
export function demoRfc5322(mail: DemoMail): string {
  const lines = [
    `From: ${party(mail.from)}`,
    ...(mail.to.length ? [`To: ${mail.to.map(party).join(', ')}`] : []),
    ...(mail.cc.length ? [`Cc: ${mail.cc.map(party).join(', ')}`] : []),
    `Subject: ${headerText(mail.subject)}`,
    `Message-ID: ${mail.internetMessageId}`,
    `Date: ${mail.sentAt.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  const body = Buffer.from(mail.body, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return `${lines.join('\r\n')}\r\n\r\n${body}\r\n`;
}

export async function startDemoImapMailbox(
  db: Database,
  secrets: SecretBox,
  certificates: ServerCertificates,
  options: DemoMailboxOptions = {},
): Promise<DemoImapMailbox> {
  const password = crypto.randomBytes(16).toString('hex');
  const servers = await startMailServers({
    logging: { user: DEMO_MAILBOX, password },
    internalDomain: 'contoso.example',
    certificates,
  });
  const client = new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: false,
    doSTARTTLS: true,
    auth: { user: DEMO_MAILBOX, pass: password },
    tls: { ca: servers.ca },
    logger: false,
  });
  let delivered = 0;
  let arrivals: NodeJS.Timeout | undefined;
  try {
    await client.connect();
    const clock = options.now ?? (() => new Date());
    const stream = demoMailStream({ now: clock(), seed: options.seed });
    const deliver = async (mail: DemoMail) => {
      await client.append('INBOX', demoRfc5322(mail), [], mail.receivedAt);
      delivered++;
    };
    // The week's newest mail waits in the Inbox, as with the Graph emulator; the stream goes on from there.
    for (const mail of splitDemoWeek(stream.week).inbox) await deliver(mail);
    arrivals = setInterval(() => {
      deliver(stream.next(clock())).catch((err: Error) => console.error(`Demo mailbox: ${err.message}`));
    }, options.arrivalEveryMs ?? 45_000);
    arrivals.unref();

    // The servers' ports change at every start: the setup is pointed at them each time.
    await new LoggingSetupRepository(db.models).upsert(DEMO_MAILBOX, {
      enabled: true,
      provider: 'imap',
      imap: {
        host: servers.host,
        port: servers.imapPort,
        security: 'starttls',
        user: DEMO_MAILBOX,
        passwordSealed: secrets.seal(password),
        caPem: servers.ca,
        archiveFolderName: null,
        junkFolderName: null,
        trashFolderName: null,
      },
      inboxCursor: null,
      batchSize: 50,
      intervalSeconds: 30,
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
  } catch (err) {
    clearInterval(arrivals);
    client.close();
    await servers.stop();
    throw err;
  }
  return {
    servers,
    delivered: () => delivered,
    async close() {
      clearInterval(arrivals);
      await client.logout().catch(() => client.close());
      await servers.stop();
    },
  };
}
