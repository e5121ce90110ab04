// The end-to-end tests' history: four entries for each demo contact person, 3, 6, 9 and 12 days before the seed,
// with fixed subjects the tests (and the README's pictures they take) look for. The generated week of `npm start`
// (scripts/demo/conversations.ts) is left out for them: its subjects are many and repeat, which tests that name
// one entry by its subject cannot use.
import { DEMO_PERSONS } from '../../../scripts/demo/people.js';
import type { Database } from '../../../server/repositories/db.js';
import { InteractionRepository, type NewInteraction } from '../../../server/repositories/interactions.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';

const DAY_MS = 86_400_000;

export async function seedFixedHistory(db: Database, seededAt: Date): Promise<void> {
  const entries: NewInteraction[] = [];
  for (const person of DEMO_PERSONS) {
    // Raw access: the contact's number by its address, as the demo seed wrote it.
    const contact = await db.models.Contact.collection.findOne({ email: person.email });
    if (!contact) throw new Error(`the demo data has no ${person.email}`);
    const subjects = [
      `Quote for ${person.company.name}`,
      'Re: delivery dates',
      'Meeting next week',
      'Price list 2027',
    ];
    subjects.forEach((subject, i) => {
      const outbound = i % 2 === 0;
      const key = `<demo-${String(contact.number)}-${i}@contoso.example>`;
      entries.push({
        messageKey: key,
        contactNumber: String(contact.number),
        contactCompanyNumber: String(contact.companyNumber),
        salespersonCode: person.ownerCode,
        occurredAt: new Date(seededAt.getTime() - (i + 1) * 3 * DAY_MS),
        direction: outbound ? 'outbound' : 'inbound',
        initiatedBy: outbound ? 'us' : 'them',
        subject,
        description: subject,
        message: {
          mailbox: 'logging@contoso.example',
          internetMessageId: key,
          immutableId: null,
          webLink: null,
          conversationId: null,
        },
        archiveState: 'none',
        source: 'loop',
        createdBy: 'demo',
      });
    });
  }
  await new InteractionRepository(
    db.models,
    new NumberSeries(db.models, 'e2e'),
    () => seededAt,
  ).writeIdempotent(entries);
}
