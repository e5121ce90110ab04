import assert from 'node:assert/strict';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import {
  PendingArchiveRepository,
  type PendingArchive,
} from '../../../server/repositories/pendingArchives.js';
import { useTestDatabase } from '../../support/db.js';

const MAILBOX = 'log@contoso.example';

function intent(messageId: string): PendingArchive {
  return {
    mailbox: MAILBOX,
    messageId,
    messageKey: `<${messageId}@contoso.example>`,
    entries: [
      {
        messageKey: `<${messageId}@contoso.example>`,
        contactNumber: 'CT000001',
        contactCompanyNumber: null,
        salespersonCode: 'AH',
        occurredAt: new Date('2026-11-02T10:00:00Z'),
        direction: 'inbound',
        initiatedBy: 'them',
        subject: 'Quote',
        description: 'Quote',
        message: {
          mailbox: MAILBOX,
          internetMessageId: `<${messageId}@contoso.example>`,
          immutableId: messageId,
          webLink: null,
          conversationId: null,
        },
        source: 'loop',
        createdBy: 'loop',
      },
    ],
  };
}

describe('PendingArchiveRepository: one intent document per page (real database)', () => {
  const tdb = useTestDatabase('pending_archives');
  let db: Database;
  let repo: PendingArchiveRepository;
  let clock = 0;
  before(async () => {
    db = await wrapConnection(tdb().conn);
    repo = new PendingArchiveRepository(db.models, () => new Date(Date.UTC(2026, 10, 2) + clock++ * 1000));
  });

  it('keeps the unfinished messages of a page, forgets a finished page, and lists pages oldest first', async () => {
    const first = await repo.record(MAILBOX, [intent('A'), intent('B'), intent('C')]);
    const second = await repo.record(MAILBOX, [intent('D')]);
    assert.equal(await db.models.PendingArchive.countDocuments({}), 2, 'one document per page');

    await repo.settle(first, new Set(['A', 'C']));
    await repo.settle(second, new Set(['D']));
    const left = await repo.list(MAILBOX, 10);
    assert.deepEqual(
      left.map((p) => p.intents.map((i) => i.messageId)),
      [['B']],
    );
    assert.ok(left[0]!.intents[0]!.entries[0]!.occurredAt instanceof Date, 'dates come back as dates');

    await repo.settle(left[0]!, new Set(['B']));
    assert.equal(await db.models.PendingArchive.countDocuments({}), 0);
    assert.deepEqual(await repo.list(MAILBOX, 10), []);
  });

  it('writes nothing for a page that logs nothing, and settling nothing changes nothing', async () => {
    const empty = await repo.record(MAILBOX, []);
    await repo.settle(empty, new Set());
    const page = await repo.record(MAILBOX, [intent('E')]);
    await repo.settle(page, new Set(['not-on-this-page']));
    assert.deepEqual(
      (await repo.list(MAILBOX, 10)).map((p) => p.id),
      [page.id],
    );
  });
});
