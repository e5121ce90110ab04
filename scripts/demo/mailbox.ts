// The demo shared mailbox for `npm start`: the project's Graph emulator (scripts/graph-emulator) with mail between
// the demo salespeople and contacts, and an email-logging setup pointing at it, so the logging loop has real work
// from the first minute. New mail "arrives" now and then while the demo runs.
import { DEFAULT_MAX_ATTEMPTS } from '../../server/domain/policy.js';
import type { Database } from '../../server/repositories/db.js';
import { LoggingSetupRepository } from '../../server/repositories/loggingSetups.js';
import type { SecretBox } from '../../server/security/secretBox.js';
import { DEFAULT_CLIENT, startGraphEmulator } from '../graph-emulator/index.js';
import type { GraphEmulator, MessageSeed } from '../graph-emulator/types.js';

export const DEMO_MAILBOX = 'logging@contoso.example';
export const DEMO_TENANT = '9a1c3e5b-7d2f-4b6a-8c0e-1f3a5b7c9d2e';

const CONVERSATIONS: [from: string, to: string, subject: string][] = [
  ['jane.doe@fabrikam.example', 'annette.hill@contoso.example', 'Request for quotation: 40 pallets'],
  ['annette.hill@contoso.example', 'jane.doe@fabrikam.example', 'RE: Request for quotation: 40 pallets'],
  ['ida.berg@adatum.example', 'jim.olive@contoso.example', 'Delivery window next week?'],
  ['bart.duncan@contoso.example', 'karl.nilsen@treyresearch.example', 'Samples are on their way'],
  ['someone@unknown.example', 'annette.hill@contoso.example', 'Partnership proposal'],
  ['annette.hill@contoso.example', 'bart.duncan@contoso.example', 'Lunch on Friday?'],
];

function message([from, to, subject]: (typeof CONVERSATIONS)[number], at: Date, n: number): MessageSeed {
  return {
    folder: 'inbox',
    subject,
    from: { address: from, name: from.split('@')[0]!.replace('.', ' ') },
    toRecipients: [{ address: to, name: to.split('@')[0]!.replace('.', ' ') }],
    receivedDateTime: at.toISOString(),
    sentDateTime: new Date(at.getTime() - 5000).toISOString(),
    internetMessageId: `<demo-${at.getTime()}-${n}@interlog.example>`,
    body: { contentType: 'text', content: `${subject}\n\n(demo message)` },
  };
}

export async function startDemoMailbox(
  db: Database,
  secrets: SecretBox,
  tls: { cert: string; key: string },
): Promise<GraphEmulator> {
  const emu = await startGraphEmulator({ tenantId: DEMO_TENANT, tls });
  emu.addMailbox({ address: DEMO_MAILBOX, displayName: 'Contoso email logging' });
  const now = Date.now();
  CONVERSATIONS.forEach((c, i) =>
    emu.addMessage(DEMO_MAILBOX, 'inbox', message(c, new Date(now - (10 - i) * 60_000), i)),
  );
  let n = 0;
  const arrivals = setInterval(() => {
    const c = CONVERSATIONS[n++ % CONVERSATIONS.length]!;
    emu.addMessage(DEMO_MAILBOX, 'inbox', message(c, new Date(), n));
  }, 45_000);
  arrivals.unref();

  const setups = new LoggingSetupRepository(db.models);
  const existing = await setups.get(DEMO_MAILBOX);
  if (!existing) {
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
