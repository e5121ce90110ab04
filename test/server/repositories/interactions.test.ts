import assert from 'node:assert/strict';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import {
  entryId,
  InteractionRepository,
  type NewInteraction,
} from '../../../server/repositories/interactions.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { useTestDatabase } from '../../support/db.js';

function entry(over: Partial<NewInteraction> = {}): NewInteraction {
  return {
    messageKey: '<m1@contoso.example>',
    contactNumber: 'CT000001',
    contactCompanyNumber: 'CT000100',
    salespersonCode: 'AH',
    occurredAt: new Date('2026-11-02T10:00:00Z'),
    direction: 'inbound',
    initiatedBy: 'them',
    subject: 'Quote',
    description: 'Quote',
    message: {
      mailbox: 'log@contoso.example',
      internetMessageId: '<m1@contoso.example>',
      immutableId: 'A1',
      webLink: null,
      conversationId: null,
    },
    archiveState: 'pending',
    source: 'loop',
    createdBy: 'loop',
    ...over,
  };
}

describe('InteractionRepository (real database)', () => {
  const tdb = useTestDatabase('interactions');
  let db: Database;
  let repo: InteractionRepository;
  before(async () => {
    db = await wrapConnection(tdb().conn);
    repo = new InteractionRepository(db.models, new NumberSeries(db.models, 'test'));
  });

  it('a clash on the entry number (not on the entry) is written again under a new number, never dropped', async () => {
    // A number another writer already used (a series reset, a restored backup): the entry is new all the same.
    const taken = entry({ messageKey: '<numbered-first@contoso.example>' });
    const first = await repo.writeIdempotent([taken]);
    const used = first.written[0]!.entryNumber;
    let handedOut = 0;
    const clashing = new InteractionRepository(db.models, {
      next: async () => (handedOut++ === 0 ? used : used + 1000 + handedOut),
    } as unknown as NumberSeries);
    const fresh = entry({ messageKey: '<numbered-second@contoso.example>' });
    const r = await clashing.writeIdempotent([fresh, taken]);
    assert.equal(r.written.length, 1, 'the new entry is written');
    assert.equal(r.written[0]!.messageKey, fresh.messageKey);
    assert.notEqual(r.written[0]!.entryNumber, used);
    assert.equal(r.duplicates, 1, 'the entry written before is a duplicate');
    assert.equal(await db.models.Interaction.countDocuments({ messageKey: fresh.messageKey }), 1);
  });

  it('validates every entry against the schema before writing any of the page', async () => {
    const bad = entry({ messageKey: '<bad@contoso.example>', direction: 'sideways' as never });
    const good = entry({ messageKey: '<good-before-bad@contoso.example>' });
    await assert.rejects(repo.writeIdempotent([good, bad]), /direction/);
    assert.equal(await db.models.Interaction.countDocuments({ messageKey: good.messageKey }), 0);
  });

  it("refuses a second entry for the same message, contact and salesperson through the server's unique index", async () => {
    const first = await repo.writeIdempotent([entry()]);
    assert.equal(first.written.length, 1);
    const again = await repo.writeIdempotent([entry(), entry({ salespersonCode: 'BD' })]);
    assert.equal(again.duplicates, 1);
    assert.equal(again.written.length, 1);
    // The database itself refuses it, not our code: a raw insert of the same key fails with 11000, through the
    // derived _id and, with any other _id, through the unique (messageKey, contactNumber, salespersonCode) index.
    const raw = { ...entry(), entryNumber: 999_999, createdAt: new Date() };
    await assert.rejects(
      db.models.Interaction.create({
        ...raw,
        _id: entryId(raw.messageKey, raw.contactNumber, raw.salespersonCode),
      }),
      (err: { code?: number }) => err.code === 11000,
    );
    await assert.rejects(
      db.models.Interaction.create({ ...raw, _id: 'some-other-id' }),
      (err: { code?: number }) => err.code === 11000,
    );
    assert.equal((await repo.byMessageKey('<m1@contoso.example>')).length, 2);
  });

  it('pages a contact history newest first without repeats', async () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      entry({
        messageKey: `<h${i}@x>`,
        contactNumber: 'CT000009',
        occurredAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))),
      }),
    );
    await repo.writeIdempotent(many);
    const seen: number[] = [];
    let after: { occurredAt: Date; entryNumber: number } | undefined;
    for (;;) {
      const page = await repo.historyOf('CT000009', 3, after);
      if (page.length === 0) break;
      seen.push(...page.map((p) => p.entryNumber));
      const last = page[page.length - 1]!;
      after = { occurredAt: last.occurredAt, entryNumber: last.entryNumber };
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    const all = await repo.historyOf('CT000009', 10);
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.occurredAt >= all[i]!.occurredAt);
  });

  it('links entries logged by hand to the copy the loop archived, and only those', async () => {
    await repo.writeIdempotent([
      entry({ messageKey: '<manual@x>', archiveState: 'none', source: 'manual' }),
      entry({ messageKey: '<manual@x>', salespersonCode: 'ZZ', archiveState: 'archived' }),
    ]);
    await repo.linkManualEntries('<manual@x>', { immutableId: 'IMM', webLink: 'https://owa/x' });
    const rows = await repo.byMessageKey('<manual@x>');
    const manual = rows.find((r) => r.source === 'manual')!;
    assert.equal(manual.archiveState, 'archived');
    assert.equal(manual.message.webLink, 'https://owa/x');
    assert.equal(rows.find((r) => r.salespersonCode === 'ZZ')!.message.webLink, null);
  });
});
