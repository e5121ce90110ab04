// Helpers of the change-notification tests: hourly-polling servers against the emulator, inbound mail that makes
// one entry, and waiting without timing assumptions.
import type { MessageSeed } from '../../scripts/graph-emulator/types.js';
import { cliEnv } from './cliProcess.js';
import type { EngineHarness } from './engineHarness.js';

export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Inbound mail from a contact to a salesperson of the directory fixture: one entry when logged. */
export function inbound(key: string): MessageSeed {
  return {
    internetMessageId: `<${key}@test.example>`,
    subject: `Notified ${key}`,
    from: { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' },
    toRecipients: [{ address: 'peter.hansen@contoso.example', name: 'Peter Hansen' }],
  };
}

export const logged = async (h: EngineHarness, key: string) =>
  h.db.models.Interaction.countDocuments({ messageKey: `<${key}@test.example>` });

export function serverEnv(
  h: EngineHarness,
  db: string,
  extra: Record<string, string>,
): Record<string, string> {
  const env = cliEnv(h, db, {
    SCHEDULER_ENABLED: 'true',
    SCHEDULER_TICK_MS: '200',
    SUBSCRIPTION_CHECK_SECONDS: '1',
    LOG_LEVEL: 'warn',
    ...extra,
  });
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
