// Archive rollover (issue 13, point 4): with a yearly series and a small threshold the engine archives into
// "archive/<year>", starts "archive/<year> (2)" when that one is full, and every entry links to the folder its
// mail is really in. The run records the folder and how full it is.
import assert from 'node:assert/strict';
import { mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const PETER = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };

describe('logging engine: archive rollover', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('rollover');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, {
      setup: {
        policy: {
          archiveFolder: 'CRM archive',
          archiveRollover: 'yearly',
          archiveRolloverAtItems: 5,
        } as never,
      },
    });
  });
  after(() => h?.close());

  let n = 0;
  const arrive = (count: number) => {
    for (let i = 0; i < count; i++)
      h.emu.addMessage(MAILBOX, 'inbox', {
        subject: `Rollover ${++n}`,
        from: ANNA,
        toRecipients: [PETER],
        internetMessageId: `<rollover-${n}@fabrikam.example>`,
      });
  };

  it('archives into the year, then into its numbered successor once full; links follow the mail', async () => {
    const year = String(new Date().getUTCFullYear());
    arrive(7);
    const first = await h.run();
    assert.deepEqual([first.outcome, first.counts.logged], ['succeeded', 7], JSON.stringify(first.errors));
    assert.equal((await h.setup()).archiveStatus?.folder, `CRM archive/${year}`);

    arrive(3); // the year's folder holds 7 >= 5: full
    const second = await h.run();
    assert.deepEqual([second.outcome, second.counts.logged], ['succeeded', 3], JSON.stringify(second.errors));
    const status = (await h.setup()).archiveStatus!;
    assert.deepEqual([status.folder, status.itemCount, status.level], [`CRM archive/${year} (2)`, 0, 'ok']);

    arrive(1); // "(2)" holds 3 < 5: still the place
    await h.run();
    assert.equal((await h.setup()).archiveStatus?.folder, `CRM archive/${year} (2)`);

    const source = mailSourceForSetup(await h.setup(), h.env);
    const base = await source.resolveFolder('CRM archive');
    const yearly = await source.resolveSubfolder(base.id, year);
    const second2 = await source.resolveSubfolder(base.id, `${year} (2)`);
    assert.deepEqual([yearly.itemCount, second2.itemCount, base.itemCount], [7, 4, 0]);

    const entries = await h.db.conn.db!.collection('interactions').find({}).toArray();
    assert.equal(entries.length, 11);
    for (const e of entries) {
      const msg = h.emu.getMessage(MAILBOX, e.message.immutableId as string);
      assert.ok(msg, `${e.messageKey}: its link finds the mail`);
      const where = Number(String(e.messageKey).match(/rollover-(\d+)@/)![1]) <= 7 ? yearly : second2;
      assert.equal(msg!.parentFolderId, where.id, `${e.messageKey} is where its entry says`);
      assert.equal(e.archiveState, 'archived');
    }
  });
});
