// Mail kept unlogged (policy "keep") is classified again when the directory changes: once its sender becomes a
// contact, the next run logs it.
import assert from 'node:assert/strict';
import { MasterDataRepository } from '../../../server/repositories/masterData.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

describe('logging engine: kept mail processed again when the directory changes', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('reprocess');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, {
      setup: { policy: { unmatched: 'keep' } as never },
    });
  });
  after(() => h?.close());

  it('keeps mail from a stranger, then logs it once the stranger is a contact', async () => {
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Interested in your chairs',
      from: { address: 'lena.berg@northwind.example', name: 'Lena Berg' },
      toRecipients: [{ address: 'peter.hansen@contoso.example', name: 'Peter Hansen' }],
      internetMessageId: '<kept-1@northwind.example>',
    });
    const first = await h.run();
    assert.deepEqual([first.counts.kept, first.counts.logged], [1, 0], JSON.stringify(first.errors));
    assert.equal((await h.deps.states.list(MAILBOX, 'kept', 10)).length, 1);
    const again = await h.run();
    assert.equal(again.counts.logged, 0, 'nothing new without a directory change');

    await new MasterDataRepository(h.db.models).insertContact({
      number: 'CT000900',
      kind: 'person',
      name: 'Lena Berg',
      companyNumber: null,
      companyName: null,
      email: 'lena.berg@northwind.example',
      alternateEmails: [],
      phone: null,
      salespersonCode: 'PH',
      privacyBlocked: false,
    });
    const run = await h.run();
    assert.deepEqual([run.counts.logged, run.counts.archived], [1, 1], JSON.stringify(run.errors));
    const entries = await h.db.conn.db!.collection('interactions').find({}).toArray();
    assert.deepEqual(
      entries.map((e) => [e.direction, e.contactNumber, e.salespersonCode]),
      [['inbound', 'CT000900', 'PH']],
    );
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
    assert.equal((await h.deps.states.list(MAILBOX, 'kept', 10)).length, 0);
    assert.equal((await h.deps.states.list(MAILBOX, 'failing', 10)).length, 0);
  });
});
