// The visibility model in the pane (issue 12 acceptance): with the deployment set to `owner`, a salesperson
// reading mail from a contact of a colleague sees that the conversations happened ("Conversation with
// <salesperson>", date, direction) and nothing of their content, and no actions on them; their own contact's
// history is shown in full. English and Danish.
import assert from 'node:assert/strict';
import { people, sampleMessages } from '../../../addin/preview/samples.js';
import { DeploymentSettingsRepository } from '../../../server/repositories/deploymentSettings.js';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { useAddinServer } from '../support/addinServer.js';
import { saveScreenshot, useBrowser } from '../support/browser.js';
import { closePane, historySubjects, horizontalOverflow, region, uncaught } from '../support/panePage.js';
import { openTaskpane, type PaneSession } from '../support/taskpane.js';

describe('task pane end to end: the owner visibility model', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  const server = useAddinServer('e2evisibility');
  let pane: PaneSession | undefined;
  const sample = (id: string) => sampleMessages(server().seededAt).find((s) => s.id === id)!.message;

  before(async () => {
    const settings = new DeploymentSettingsRepository(server().db.models);
    await settings.save({ ...(await settings.get()), visibility: 'owner' }, 'e2e', new Date());
  });

  afterEach(async function () {
    await closePane(this, pane);
    pane = undefined;
  });

  it('shows a colleague’s conversations with Jane Doe as "Conversation with Annette Hill" rows', async () => {
    // Jane Doe is Annette's (AH) contact and every entry with her is Annette's; Bart (BD) reads her mail.
    pane = await openTaskpane(browser(), server().url, { item: sample('quote-request'), user: people.bart });
    const { page } = pane;
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    const subjects = await historySubjects(page);
    assert.deepEqual(subjects, Array(4).fill('Conversation with Annette Hill'));
    const history = region(page, 'Interaction log entries');
    const text = (await history.textContent()) ?? '';
    for (const secret of ['Quote for Fabrikam', 'delivery dates', 'Meeting next week', 'Price list 2027'])
      assert.ok(!text.includes(secret), `"${secret}" is not shown`);
    assert.match(text, /Received/);
    assert.match(text, /Sent/);
    assert.equal(await history.getByRole('button').count(), 0, 'no actions on someone else’s entries');
    assert.equal(await history.locator('time').count(), 4, 'each row still says when');
    assert.equal(await horizontalOverflow(page), 0);
    await saveScreenshot(page, 'visibility-owner-conversation-rows');
    await expectNoSeriousA11yViolations(page, 'pane: metadata-only history (owner model)');
    assert.deepEqual(uncaught(pane), []);
  });

  it('says it in Danish too', async () => {
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      user: people.bart,
      displayLanguage: 'da-DK',
    });
    await pane.page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    assert.deepEqual(
      await historySubjects(pane.page, 'Interaktionslogposter'),
      Array(4).fill('Samtale med Annette Hill'),
    );
    await saveScreenshot(pane.page, 'visibility-owner-conversation-rows-da');
  });

  it('shows the salesperson’s own contact in full', async () => {
    // Mark Lee is Bart's contact (the demo data deals contacts out AH, BD, JO in turn).
    const mark = await server().db.models.Contact.findOne({ email: people.mark.address }).lean();
    assert.equal(mark?.salespersonCode, 'BD');
    pane = await openTaskpane(browser(), server().url, {
      item: {
        kind: 'read',
        subject: 'Samples',
        from: people.mark,
        to: [people.bart],
        cc: [],
        internetMessageId: '<visibility-mark@fabrikam.example>',
        itemId: 'AAMkAGVisibility/mark+item=',
        conversationId: 'AAQkAGVisibility-mark',
        dateTimeCreated: new Date(server().seededAt.getTime() - 3_600_000).toISOString(),
      },
      user: people.bart,
    });
    await pane.page.getByRole('group', { name: 'Mark Lee' }).waitFor();
    const subjects = await historySubjects(pane.page);
    assert.equal(subjects[0], 'Quote for Fabrikam Inc.');
    assert.ok(!subjects.some((s) => s.startsWith('Conversation with')));
  });
});
