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

  it('stores a page as one opaque string, which FerretDB writes and deletes without decoding every entry', async () => {
    const page = await repo.record(MAILBOX, [intent('F'), intent('G')]);
    const raw = await db.models.PendingArchive.collection.findOne({ _id: page.id as never });
    assert.equal(typeof raw?.payload, 'string');
    assert.equal(raw?.messages, undefined);
    await repo.settle(page, new Set(['F', 'G']));
  });

  it('reads and settles a page written before the payload (messages as documents)', async () => {
    const legacy = { ...intent('H'), mailbox: undefined };
    await db.models.PendingArchive.collection.insertOne({
      _id: `${MAILBOX}#legacy` as never,
      mailbox: MAILBOX,
      messages: [legacy, { ...intent('I'), mailbox: undefined }],
      createdAt: new Date(Date.UTC(2026, 0, 1)),
    });
    const [page] = await repo.list(MAILBOX, 10);
    assert.deepEqual(
      page!.intents.map((i) => [i.mailbox, i.messageId]),
      [
        [MAILBOX, 'H'],
        [MAILBOX, 'I'],
      ],
    );
    assert.ok(page!.intents[0]!.entries[0]!.occurredAt instanceof Date);
    await repo.settle(page!, new Set(['H']));
    const raw = await db.models.PendingArchive.collection.findOne({ _id: `${MAILBOX}#legacy` as never });
    assert.equal(raw?.messages, undefined, 'rewritten in the current form');
    const [left] = await repo.list(MAILBOX, 10); // the oldest page: the legacy one
    assert.equal(left!.id, `${MAILBOX}#legacy`);
    assert.deepEqual(
      left!.intents.map((i) => i.messageId),
      ['I'],
    );
    await repo.settle(left!, new Set(['I']));
  });
});
