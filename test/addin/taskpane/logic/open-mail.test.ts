import assert from 'node:assert/strict';
import type { InteractionDetail, MessageLink } from '../../../../shared/api/interactions.js';
import { ScriptedOfficeHost } from '../../../../addin/office/scripted-host.js';
import { MailNotAvailableError, openLoggedMail } from '../../../../addin/taskpane/logic/open-mail.js';

const link: MessageLink = {
  internetMessageId: '<m@x>',
  immutableId: 'AAkImmutable',
  webLink: 'https://outlook.office365.com/owa/?ItemID=AAk',
  mailbox: 'log@contoso.com',
};
const api = (message: MessageLink | null) => ({
  interaction: async (entryNumber: number) => ({ entryNumber, message }) as InteractionDetail,
});

describe('addin/taskpane/logic/open-mail', () => {
  it('opens the mail inside Outlook when the host can', async () => {
    const host = new ScriptedOfficeHost();
    assert.equal(await openLoggedMail(api(link), host, 7), 'outlook');
    assert.deepEqual(host.displayedMessages, ['AAkImmutable']);
    assert.deepEqual(host.openedUrls, []);
  });

  it('opens the web link where Outlook cannot display it, or fails to', async () => {
    const cannot = new ScriptedOfficeHost({ canDisplayMessage: false });
    assert.equal(await openLoggedMail(api(link), cannot, 7), 'web');
    assert.deepEqual(cannot.openedUrls, [link.webLink]);

    const failing = new ScriptedOfficeHost();
    failing.displayMessage = async () => Promise.reject(new Error('item not found'));
    assert.equal(await openLoggedMail(api(link), failing, 7), 'web');
  });

  it('says the mail is not available when there is nothing to open', async () => {
    await assert.rejects(openLoggedMail(api(null), new ScriptedOfficeHost(), 7), MailNotAvailableError);
    await assert.rejects(
      openLoggedMail(api({ ...link, immutableId: null, webLink: null }), new ScriptedOfficeHost(), 7),
      MailNotAvailableError,
    );
  });
});
