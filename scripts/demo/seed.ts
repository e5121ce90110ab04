// Demo data for `npm start`: the salespeople and contacts of people.ts and, as their history, the last working
// week's mail (conversations.ts) logged as the loop would have logged it. Idempotent: it only seeds an empty
// database, so data written while using the demo survives restarts.
import { classifyMessage } from '../../server/domain/classifier.js';
import { buildDirectory, type ContactRecord } from '../../server/domain/directory.js';
import type { Database } from '../../server/repositories/db.js';
import { DeploymentSettingsRepository } from '../../server/repositories/deploymentSettings.js';
import { emailTemplateOf, ensureEmailTemplate, type InteractionTemplate } from '../../shared/api/settings.js';
import {
  entryFromDraft,
  InteractionRepository,
  type NewInteraction,
} from '../../server/repositories/interactions.js';
import { MasterDataRepository } from '../../server/repositories/masterData.js';
import { NumberSeries, SERIES, formatNumber } from '../../server/repositories/numberSeries.js';
import { asMailMessage, demoMailStream, splitDemoWeek } from './conversations.js';
import { companyEmail, DEMO_COMPANIES, DEMO_PERSONS, DEMO_SALESPEOPLE } from './people.js';

/** The demo's shared mailbox (mailbox.ts), where the history's mail was logged from. */
const DEMO_MAILBOX = 'logging@contoso.example';

export interface DemoSeedOptions {
  /** Seed the generated week of mail as history (default); tests with their own history turn it off. */
  mailHistory?: boolean;
  /** The generator's seed (default DEMO_SEED). */
  seed?: number;
}

export async function seedDemoData(
  db: Database,
  now: Date = new Date(),
  options: DemoSeedOptions = {},
): Promise<boolean> {
  if ((await db.models.Contact.estimatedDocumentCount()) > 0) return false;
  const master = new MasterDataRepository(db.models);
  const numbers = new NumberSeries(db.models, 'demo-seed');
  for (const sp of DEMO_SALESPEOPLE) await master.upsertSalesperson({ ...sp });
  // The demo's mailbox is set up without the wizard, so it gets what the wizard's finish gives: E-MAILS.
  const settings = new DeploymentSettingsRepository(db.models);
  const current = await settings.get();
  const ensured = ensureEmailTemplate(current);
  if (ensured) await settings.save({ ...current, ...ensured }, 'demo-seed', now);
  const contacts: ContactRecord[] = [];
  for (const company of DEMO_COMPANIES) {
    const companyNumber = formatNumber('CT', await numbers.next(SERIES.contact));
    const record = {
      number: companyNumber,
      kind: 'company' as const,
      name: company.name,
      companyNumber,
      companyName: company.name,
      email: companyEmail(company),
      alternateEmails: [],
      phone: null,
      salespersonCode: 'AH',
      privacyBlocked: false,
    };
    await master.insertContact(record);
    contacts.push(record);
    for (const person of DEMO_PERSONS.filter((p) => p.company === company)) {
      const personRecord = {
        ...record,
        number: formatNumber('CT', await numbers.next(SERIES.contact)),
        kind: 'person' as const,
        name: person.name,
        email: person.email,
        phone: person.phone,
        salespersonCode: person.ownerCode,
      };
      await master.insertContact(personRecord);
      contacts.push(personRecord);
    }
  }
  if (options.mailHistory === false) return true;
  const template = emailTemplateOf({ ...current, ...ensured });
  const entries = historyEntries(now, options.seed, contacts, template);
  await new InteractionRepository(db.models, numbers, () => now).writeIdempotent(entries);
  return true;
}

/** The week's history as the loop would log it: the same classifier decides each message's entries. */
function historyEntries(
  now: Date,
  seed: number | undefined,
  contacts: readonly ContactRecord[],
  template: InteractionTemplate | null,
): NewInteraction[] {
  const directory = buildDirectory({ salespeople: DEMO_SALESPEOPLE, contacts });
  const { history } = splitDemoWeek(demoMailStream({ now, seed }).week);
  return history.flatMap((mail) => {
    const c = classifyMessage(asMailMessage(mail), directory);
    if (c.kind !== 'log') return [];
    const ref = {
      mailbox: DEMO_MAILBOX,
      internetMessageId: mail.internetMessageId,
      immutableId: null,
      webLink: null,
      conversationId: mail.conversationId,
    };
    const origin = { source: 'loop' as const, createdBy: 'demo' };
    return c.drafts.map((d) => ({
      ...entryFromDraft(d, ref, origin, template),
      archiveState: 'none' as const,
    }));
  });
}
