import assert from 'node:assert/strict';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { InteractionRepository, type NewInteraction } from '../../../server/repositories/interactions.js';
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
    message: { mailbox: 'log@contoso.example', internetMessageId: '<m1@contoso.example>', immutableId: 'A1', webLink: null, conversationId: null },
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

  it("refuses a second entry for the same message, contact and salesperson through the server's unique index", async () => {
    const first = await repo.writeIdempotent([entry()]);
    assert.equal(first.written.length, 1);
    const again = await repo.writeIdempotent([entry(), entry({ salespersonCode: 'BD' })]);
    assert.equal(again.duplicates, 1);
    assert.equal(again.written.length, 1);
    // The database itself refuses it, not our code: a raw insert of the same key fails with 11000.
    await assert.rejects(
      db.models.Interaction.create({ ...entry(), entryNumber: 999_999, createdAt: new Date() }),
      (err: { code?: number }) => err.code === 11000,
    );
    assert.equal((await repo.byMessageKey('<m1@contoso.example>')).length, 2);
  });

  it('pages a contact history newest first without repeats', async () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      entry({ messageKey: `<h${i}@x>`, contactNumber: 'CT000009', occurredAt: new Date(Date.UTC(2026, 0, 1 + (i % 3))) }),
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

  it('finds entries left pending by a crash and records their archive link', async () => {
    const pending = await repo.pendingArchive('log@contoso.example', 10);
    assert.ok(pending.some((p) => p.messageKey === '<m1@contoso.example>'));
    await repo.recordArchive('<m1@contoso.example>', 'archived', { immutableId: 'A1', webLink: 'https://owa/x' });
    const after = await repo.pendingArchive('log@contoso.example', 100);
    assert.ok(!after.some((p) => p.messageKey === '<m1@contoso.example>'));
    const rows = await repo.byMessageKey('<m1@contoso.example>');
    assert.ok(rows.every((r) => r.archiveState === 'archived' && r.message.webLink === 'https://owa/x'));
  });
});
