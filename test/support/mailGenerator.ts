// Seeded synthetic mail for the engine's volume and crash tests. Each message's expected outcome is known by
// construction (not by running the classifier), so the tests check the engine against an independent oracle.
import type { MessageSeed } from '../../scripts/graph-emulator/types.js';

export interface GeneratedMail {
  messages: MessageSeed[];
  /** `${messageKey}|${contactNumber}|${salespersonCode}` for every entry that must exist exactly once. */
  expectedEntries: Set<string>;
  /** Messages that must end up archived (logged) / deleted (unmatched or internal). */
  expectedArchived: number;
  expectedDeleted: number;
}

const SP = [
  { code: 'PH', email: 'peter.hansen@contoso.example' },
  { code: 'MN', email: 'maria.nielsen@contoso.example' },
];
const CT = [
  { number: 'CT000001', email: 'anna.jensen@fabrikam.example' },
  { number: 'CT000002', email: 'lars.berg@northwind.example' },
];

export function generateMail(
  count: number,
  startIso = '2026-01-05T08:00:00Z',
  keyPrefix = 'gen',
): GeneratedMail {
  const start = Date.parse(startIso);
  const messages: MessageSeed[] = [];
  const expectedEntries = new Set<string>();
  let expectedArchived = 0;
  let expectedDeleted = 0;
  for (let i = 0; i < count; i++) {
    const key = `<${keyPrefix}-${i}@test.example>`;
    // Several messages share a timestamp now and then, as happens in real mailboxes.
    const at = new Date(start + Math.floor(i / 3) * 1000).toISOString();
    const base = { internetMessageId: key, receivedDateTime: at, sentDateTime: at, subject: `Message ${i}` };
    const addr = (a: string) => ({ address: a, name: a.split('@')[0] });
    switch (i % 5) {
      case 0: // inbound: contact -> salesperson
        messages.push({ ...base, from: addr(CT[0]!.email), toRecipients: [addr(SP[0]!.email)] });
        expectedEntries.add(`${key}|${CT[0]!.number}|${SP[0]!.code}`);
        expectedArchived++;
        break;
      case 1: // outbound: salesperson -> two contacts (To + Cc)
        messages.push({
          ...base,
          from: addr(SP[1]!.email),
          toRecipients: [addr(CT[0]!.email)],
          ccRecipients: [addr(CT[1]!.email)],
        });
        expectedEntries.add(`${key}|${CT[0]!.number}|${SP[1]!.code}`);
        expectedEntries.add(`${key}|${CT[1]!.number}|${SP[1]!.code}`);
        expectedArchived++;
        break;
      case 2: // unknown external sender: deleted (Business Central's default)
        messages.push({
          ...base,
          from: addr(`someone${i}@unknown.example`),
          toRecipients: [addr(SP[0]!.email)],
        });
        expectedDeleted++;
        break;
      case 3: // internal only: deleted
        messages.push({ ...base, from: addr(SP[0]!.email), toRecipients: [addr(SP[1]!.email)] });
        expectedDeleted++;
        break;
      default: // inbound to two salespeople: one entry each
        messages.push({
          ...base,
          from: addr(CT[1]!.email),
          toRecipients: [addr(SP[0]!.email), addr(SP[1]!.email)],
        });
        expectedEntries.add(`${key}|${CT[1]!.number}|${SP[0]!.code}`);
        expectedEntries.add(`${key}|${CT[1]!.number}|${SP[1]!.code}`);
        expectedArchived++;
    }
  }
  return { messages, expectedEntries, expectedArchived, expectedDeleted };
}
