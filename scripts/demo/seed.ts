// Demo data for `npm start`: a few salespeople, contacts, interactions and an opportunity. Idempotent: it only
// seeds an empty database, so data written while using the demo survives restarts.
import type { Database } from '../../server/repositories/db.js';
import { DeploymentSettingsRepository } from '../../server/repositories/deploymentSettings.js';
import { ensureEmailTemplate } from '../../shared/api/settings.js';
import { InteractionRepository } from '../../server/repositories/interactions.js';
import { MasterDataRepository } from '../../server/repositories/masterData.js';
import { NumberSeries, SERIES, formatNumber } from '../../server/repositories/numberSeries.js';

export const DEMO_SALESPEOPLE = [
  { code: 'AH', name: 'Annette Hill', email: 'annette.hill@contoso.example', active: true },
  { code: 'BD', name: 'Bart Duncan', email: 'bart.duncan@contoso.example', active: true },
  { code: 'JO', name: 'Jim Olive', email: 'jim.olive@contoso.example', active: true },
];

const COMPANIES = [
  { name: 'Fabrikam Inc.', domain: 'fabrikam.example', people: ['Jane Doe', 'Mark Lee'] },
  { name: 'Adatum Corporation', domain: 'adatum.example', people: ['Ida Berg'] },
  { name: 'Trey Research', domain: 'treyresearch.example', people: ['Karl Nilsen', 'Sara Holm'] },
];

export async function seedDemoData(db: Database, now: Date = new Date()): Promise<boolean> {
  if ((await db.models.Contact.estimatedDocumentCount()) > 0) return false;
  const master = new MasterDataRepository(db.models);
  const numbers = new NumberSeries(db.models, 'demo-seed');
  const interactions = new InteractionRepository(db.models, numbers, () => now);
  for (const sp of DEMO_SALESPEOPLE) await master.upsertSalesperson(sp);
  // The demo's mailbox is set up without the wizard, so it gets what the wizard's finish gives: E-MAILS.
  const settings = new DeploymentSettingsRepository(db.models);
  const current = await settings.get();
  const template = ensureEmailTemplate(current);
  if (template) await settings.save({ ...current, ...template }, 'demo-seed', now);
  let k = 0;
  for (const company of COMPANIES) {
    const companyNumber = formatNumber('CT', await numbers.next(SERIES.contact));
    await master.insertContact({
      number: companyNumber,
      kind: 'company',
      name: company.name,
      companyNumber,
      companyName: company.name,
      email: `info@${company.domain}`,
      alternateEmails: [],
      phone: null,
      salespersonCode: 'AH',
      privacyBlocked: false,
    });
    for (const person of company.people) {
      const number = formatNumber('CT', await numbers.next(SERIES.contact));
      const email = `${person.toLowerCase().replace(' ', '.')}@${company.domain}`;
      const sp = DEMO_SALESPEOPLE[k++ % DEMO_SALESPEOPLE.length]!;
      await master.insertContact({
        number,
        kind: 'person',
        name: person,
        companyNumber,
        companyName: company.name,
        email,
        alternateEmails: [],
        phone: '+45 70 00 00 0' + k,
        salespersonCode: sp.code,
        privacyBlocked: false,
      });
      for (let i = 0; i < 4; i++) {
        const outbound = i % 2 === 0;
        const subject = [
          `Quote for ${company.name}`,
          'Re: delivery dates',
          'Meeting next week',
          'Price list 2027',
        ][i]!;
        await interactions.writeIdempotent([
          {
            messageKey: `<demo-${number}-${i}@contoso.example>`,
            contactNumber: number,
            contactCompanyNumber: companyNumber,
            salespersonCode: sp.code,
            occurredAt: new Date(now.getTime() - (i + 1) * 86_400_000 * 3),
            direction: outbound ? 'outbound' : 'inbound',
            initiatedBy: outbound ? 'us' : 'them',
            subject,
            description: subject,
            message: {
              mailbox: 'logging@contoso.example',
              internetMessageId: `<demo-${number}-${i}@contoso.example>`,
              immutableId: null,
              webLink: null,
              conversationId: null,
            },
            archiveState: 'none',
            source: 'loop',
            createdBy: 'demo',
          },
        ]);
      }
    }
  }
  return true;
}
