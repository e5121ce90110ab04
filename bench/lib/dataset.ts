// Seeded, repeatable data for the benchmarks: a directory of salespeople and contacts, and a stream of mail
// whose outcome is known by construction (logged with N entries, or deleted as unmatched / internal).
// The same seed always gives the same data, so two runs of the suite measure the same work.
import { createPrng, type Prng } from '../../scripts/graph-emulator/prng.js';
import type { MessageSeed } from '../../scripts/graph-emulator/types.js';
import type { Contact, Salesperson } from '../../server/repositories/masterData.js';

export interface DirectorySpec {
  salespeople: number;
  /** Person contacts; one company contact is added per 10 persons. */
  contacts: number;
  seed: number;
}

export interface BenchDirectory {
  salespeople: Salesperson[];
  contacts: Contact[];
}

export const INTERNAL_DOMAIN = 'contoso.example';

export function salespersonEmail(i: number): string {
  return `sp${i}@${INTERNAL_DOMAIN}`;
}

export function contactEmail(i: number): string {
  return `person${i}@customer${Math.floor(i / 10)}.example`;
}

const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/** Contacts are numbered CT000001.. (persons) and CO000001.. (their companies, one per 10 persons). */
export function generateDirectory(spec: DirectorySpec): BenchDirectory {
  const random = createPrng(spec.seed);
  const salespeople: Salesperson[] = Array.from({ length: spec.salespeople }, (_, i) => ({
    code: `SP${pad(i, 3)}`,
    name: `Salesperson ${i}`,
    email: salespersonEmail(i),
    active: true,
  }));
  const contacts: Contact[] = [];
  for (let c = 0; c * 10 < spec.contacts; c++) {
    contacts.push({
      number: `CO${pad(c)}`,
      kind: 'company',
      name: `Customer ${c} Ltd`,
      companyNumber: `CO${pad(c)}`,
      companyName: `Customer ${c} Ltd`,
      email: `info@customer${c}.example`,
      alternateEmails: [],
      phone: null,
      salespersonCode: salespeople[Math.floor(random() * salespeople.length)]!.code,
      privacyBlocked: false,
    });
  }
  for (let i = 0; i < spec.contacts; i++) {
    const company = Math.floor(i / 10);
    contacts.push({
      number: `CT${pad(i)}`,
      kind: 'person',
      name: `Person ${i}`,
      companyNumber: `CO${pad(company)}`,
      companyName: `Customer ${company} Ltd`,
      email: contactEmail(i),
      // Every fifth person also writes from a private address.
      alternateEmails: i % 5 === 0 ? [`person${i}@mail.example`] : [],
      phone: null,
      salespersonCode: salespeople[Math.floor(random() * salespeople.length)]!.code,
      privacyBlocked: false,
    });
  }
  return { salespeople, contacts };
}

export interface MailSpec {
  count: number;
  seed: number;
  directory: DirectorySpec;
  /** receivedDateTime of the first message; later ones follow, several sharing a second now and then. */
  startIso?: string;
  /** Omit receivedDateTime so the emulator stamps the time of arrival (latency benchmark). */
  stampOnArrival?: boolean;
  /** Distinguishes the messages of several batches that share a seed (internetMessageId prefix). */
  prefix?: string;
  /** Share of loggable mail (half inbound, half outbound); the rest is unmatched or internal. Default 0.6. */
  loggedShare?: number;
}

export interface GeneratedBatch {
  messages: MessageSeed[];
  /** Messages that must be logged (and archived) / deleted (unmatched or internal only). */
  logged: number;
  deleted: number;
  /** Interaction entries the logged messages must produce. */
  entries: number;
  /** internetMessageId of each logged message, in order. */
  loggedKeys: string[];
}

function pick<T>(random: Prng, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/**
 * The mix (per message, default): 30% inbound from a contact to one or two salespeople, 30% outbound from a
 * salesperson to one to three contacts, 25% from unknown senders (deleted, as Business Central does) and 15%
 * internal only (deleted). Bodies carry a few hundred characters, as real mail does, although the engine never
 * asks for them.
 */
export function generateMail(spec: MailSpec): GeneratedBatch {
  const random = createPrng(spec.seed);
  const sp = (i: number) => ({ address: salespersonEmail(i), name: `Salesperson ${i}` });
  const ct = (i: number) => ({ address: contactEmail(i), name: `Person ${i}` });
  const nSp = spec.directory.salespeople;
  const nCt = spec.directory.contacts;
  const start = Date.parse(spec.startIso ?? '2026-01-05T08:00:00Z');
  const prefix = spec.prefix ?? 'bench';
  const out: GeneratedBatch = { messages: [], logged: 0, deleted: 0, entries: 0, loggedKeys: [] };
  let at = start;
  for (let i = 0; i < spec.count; i++) {
    if (random() < 0.7) at += 1000; // ~30% of messages share their second with the previous one
    const key = `<${prefix}-${spec.seed}-${i}@bench.example>`;
    const iso = new Date(at).toISOString();
    const base: MessageSeed = {
      internetMessageId: key,
      subject: `Re: quote ${i} for ${pick(random, ['pumps', 'valves', 'service', 'spare parts'])}`,
      body: {
        contentType: 'text',
        content: `Hello,\n\n${'Thank you for your order. '.repeat(12)}\n\nRegards`,
      },
      ...(spec.stampOnArrival ? {} : { receivedDateTime: iso, sentDateTime: iso }),
    };
    const logged = random() < (spec.loggedShare ?? 0.6);
    const r = random();
    const spA = Math.floor(random() * nSp);
    const spB = (spA + 1 + Math.floor(random() * (nSp - 1))) % nSp;
    const ctA = Math.floor(random() * nCt);
    if (logged && r < 0.5) {
      const two = random() < 0.3 && nSp > 1;
      out.messages.push({ ...base, from: ct(ctA), toRecipients: two ? [sp(spA), sp(spB)] : [sp(spA)] });
      out.logged++;
      out.entries += two ? 2 : 1;
      out.loggedKeys.push(key);
    } else if (logged) {
      const n = 1 + Math.floor(random() * 3);
      const to = [...new Set(Array.from({ length: n }, (_, k) => (ctA + k * 7919) % nCt))].map(ct);
      out.messages.push({ ...base, from: sp(spA), toRecipients: [to[0]!], ccRecipients: to.slice(1) });
      out.logged++;
      out.entries += to.length;
      out.loggedKeys.push(key);
    } else if (r < 0.625) {
      out.messages.push({
        ...base,
        from: { address: `someone${i}@unknown${i % 97}.example`, name: 'Someone' },
        toRecipients: [sp(spA)],
      });
      out.deleted++;
    } else {
      out.messages.push({ ...base, from: sp(spA), toRecipients: [sp(spB)] });
      out.deleted++;
    }
  }
  return out;
}
