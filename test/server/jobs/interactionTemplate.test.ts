// Business Central logs every e-mail with the interaction template set up for e-mails (issue 16): the loop's
// entries copy its code, description, group, cost and duration when they are written, and keep them when the
// template changes later.
import assert from 'node:assert/strict';
import { startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';
import { useTestDatabase } from '../../support/db.js';

describe('logging engine: the e-mail interaction template', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('engine-template');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn);
    h.emu.loadFixture('demo-mailbox');
  });
  after(() => h?.close());

  const template = {
    code: 'E-MAILS',
    description: 'E-mails',
    groupCode: 'SALES',
    cost: 1.25,
    durationMin: 3,
  };

  it('every entry the loop writes carries the template as it was when logged', async () => {
    const settings = await h.repos.settings.get();
    await h.repos.settings.save(
      { ...settings, interactionTemplates: [template], emailTemplate: 'E-MAILS' },
      'test',
      new Date(),
    );
    const run = await h.run();
    assert.equal(run.counts.entriesWritten, 5, JSON.stringify(run.errors));
    const entries = await h.db.models.Interaction.find({}).sort({ entryNumber: 1 }).lean();
    assert.equal(entries.length, 5);
    for (const e of entries) {
      assert.deepEqual(
        [e.templateCode, e.templateDescription, e.interactionGroupCode, e.cost, e.durationMin],
        ['E-MAILS', 'E-mails', 'SALES', 1.25, 3],
        `entry ${e.entryNumber}`,
      );
    }

    // A later change of the template (or of which one e-mails get) leaves the logged entries as they were.
    await h.repos.settings.save(
      {
        ...(await h.repos.settings.get()),
        interactionTemplates: [{ ...template, cost: 9, description: 'Mail' }],
      },
      'test',
      new Date(),
    );
    await h.run();
    const after = await h.db.models.Interaction.find({}).sort({ entryNumber: 1 }).lean();
    assert.deepEqual(
      after.map((e) => [e.templateDescription, e.cost]),
      entries.map(() => ['E-mails', 1.25]),
    );
  });
});
