// Issue 12 acceptance: a Private mail from a contact is logged as metadata only. Driven through the real engine,
// the Graph SDK and the Graph emulator over HTTPS: the emulator stores the message's `sensitivity`, the adapter
// $selects it, the classifier drops the subject, and the entry still links the archived copy (for the admin).
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

describe('logging engine: Private and Confidential mail is logged without its content', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('sensitive');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn);
  });
  after(() => h?.close());

  it('logs a Private mail from a contact as metadata only, and a normal one in full', async () => {
    const from = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
    const to = [{ address: 'peter.hansen@contoso.example', name: 'Peter Hansen' }];
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'My health and the contract',
      from,
      toRecipients: to,
      internetMessageId: '<private-1@fabrikam.example>',
      sensitivity: 'private',
    });
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Board decision',
      from,
      toRecipients: to,
      internetMessageId: '<confidential-1@fabrikam.example>',
      sensitivity: 'confidential',
    });
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Order for 40 pallets',
      from,
      toRecipients: to,
      internetMessageId: '<normal-1@fabrikam.example>',
    });
    const run = await h.run();
    assert.deepEqual([run.counts.logged, run.counts.archived], [3, 3], JSON.stringify(run.errors));

    const entries = await h.db.conn.db!.collection('interactions').find({}).sort({ messageKey: 1 }).toArray();
    assert.deepEqual(
      entries.map((e) => [
        e.messageKey,
        e.subject,
        e.description,
        e.sensitivity,
        e.direction,
        e.salespersonCode,
      ]),
      [
        ['<confidential-1@fabrikam.example>', '', '', 'confidential', 'inbound', 'PH'],
        [
          '<normal-1@fabrikam.example>',
          'Order for 40 pallets',
          'Order for 40 pallets',
          'normal',
          'inbound',
          'PH',
        ],
        ['<private-1@fabrikam.example>', '', '', 'private', 'inbound', 'PH'],
      ],
    );
    // Metadata only means no content: the link stays, so an admin can still find the archived mail.
    for (const e of entries) {
      assert.equal(e.archiveState, 'archived');
      assert.ok(e.message.immutableId && e.message.webLink, 'the archived copy is linked');
    }
    const stored = JSON.stringify(entries);
    assert.ok(
      !stored.includes('My health') && !stored.includes('Board decision'),
      'no subject stored anywhere',
    );
    assert.equal(h.emu.listFolder(MAILBOX, 'inbox').length, 0);
  });
});
