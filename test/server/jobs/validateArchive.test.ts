// Validate setup names an archive folder that is filling up against Exchange Online's limits (here: Outlook's
// 100,000-items-per-folder line), while the setup stays valid.
import assert from 'node:assert/strict';
import { validateSetupOf } from '../../../server/jobs/validateSetup.js';
import { imapProbeForSetup, mailSourceForSetup } from '../../../server/mailsource/sourceForSetup.js';
import { useTestDatabase } from '../../support/db.js';
import { MAILBOX, startEngineHarness, type EngineHarness } from '../../support/engineHarness.js';

describe('validate setup: archive capacity', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('validatearchive');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, {
      setup: { policy: { archiveFolder: 'CRM archive' } as never },
    });
  });
  after(() => h?.close());

  const archiveStep = async () => {
    const r = await validateSetupOf(await h.setup(), {
      sourceFor: (s) => mailSourceForSetup(s, h.env),
      imapProbeFor: (s) => imapProbeForSetup(s, h.env.secrets),
    });
    assert.equal(r.ok, true, JSON.stringify(r));
    return r.steps.find((s) => s.name === 'archive_folder')!.message;
  };

  it('says nothing more while there is room, and names the folder and the limit once it fills up', async () => {
    assert.equal(await archiveStep(), 'Archive folder "CRM archive" is available.');
    for (let i = 0; i < 100_000; i++)
      h.emu.addMessage(MAILBOX, 'CRM archive', {
        subject: `Old ${i}`,
        internetMessageId: `<old-${i}@x.example>`,
      });
    assert.match(
      await archiveStep(),
      /^Archive folder "CRM archive" is available\. CRM archive: filling up \(100,000 items: Outlook slows down above 100,000 per folder\)\.$/,
    );
  });
});
