// Viewing a logged mail inside Interlog (issue 14, point 3), end to end: the built pane in Chromium, the real
// server, and the logging mailbox on the Graph emulator (the real Graph SDK reads it). A salesperson opens a
// logged mail from a history entry and sees its text and attachments, and downloads one; an HTML mail with a
// script, an event handler and a picture on a "remote" host (a server of this test on loopback, counting its
// requests) is shown with none of them: no script runs in the browser and the host is never asked.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { people, sampleMessages } from '../../../addin/preview/samples.js';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../../scripts/graph-emulator/index.js';
import type { GraphEmulator } from '../../../scripts/graph-emulator/types.js';
import { LoggingSetupRepository } from '../../../server/repositories/loggingSetups.js';
import { createSecretBox } from '../../../server/security/secretBox.js';
import { expectNoSeriousA11yViolations } from '../support/a11y.js';
import { useAddinServer } from '../support/addinServer.js';
import { eventually, saveScreenshot, useBrowser } from '../support/browser.js';
import { closePane, contactNumberOf, region, uncaught } from '../support/panePage.js';
import { openTaskpane, type PaneSession } from '../support/taskpane.js';

/** The pane's window as this test's init script extends it (the test compiles without the DOM's types). */
interface PaneWindow {
  __mailMessages: string[];
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}

const MAILBOX = 'logging@contoso.example';
const SECRETS_KEY = crypto.randomBytes(32).toString('base64');
const PRICE_LIST = Buffer.from('Item;Price\nPallet;120\n');
const BROCHURE = Buffer.from('%PDF-1.4\n% brochure\n');

describe('task pane end to end: viewing a logged mail', function () {
  this.timeout(180_000);
  let emu: GraphEmulator;
  let remote: http.Server;
  const remoteHits: string[] = [];
  let remoteUrl = '';
  before(async () => {
    emu = await startGraphEmulator();
    emu.addMailbox({ address: MAILBOX, displayName: 'Contoso email logging' });
    // The "Internet": a host that records every request the viewer might make to it.
    remote = http.createServer((req, res) => {
      remoteHits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
    remoteUrl = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
  });
  after(async () => {
    await emu?.close();
    await new Promise((resolve) => remote?.close(resolve));
  });
  const browser = useBrowser();
  const server = useAddinServer('e2emailviewer', () => ({
    SECRETS_KEY,
    GRAPH_BASE_URL: emu.baseUrl,
    AUTHORITY_HOST: emu.baseUrl,
  }));
  let pane: PaneSession | undefined;
  const sample = (id: string) => sampleMessages(server().seededAt).find((s) => s.id === id)!.message;

  before(async () => {
    // The logging mailbox's setup, and the archived copies of two of Jane Doe's logged mails (their entries
    // name them by Message-ID, as the loop writes them: seedFixedHistory).
    await new LoggingSetupRepository(server().db.models).upsert(MAILBOX, {
      enabled: true,
      provider: 'graph',
      authMode: 'app',
      tenantId: emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecretSealed: createSecretBox(Buffer.from(SECRETS_KEY, 'base64')).seal(
        DEFAULT_CLIENT.clientSecret!,
      ),
      consentGiven: true,
    });
    const jane = await contactNumberOf(server().db, people.jane.address);
    const from = { address: people.annette.address, name: people.annette.name };
    const to = [{ address: people.jane.address, name: people.jane.name }];
    emu.addMessage(MAILBOX, 'archive', {
      subject: 'Price list 2027',
      from: { address: people.jane.address, name: people.jane.name },
      toRecipients: [from],
      internetMessageId: `<demo-${jane}-3@contoso.example>`,
      body: {
        contentType: 'text',
        content: 'Hello Annette,\n\nplease find our price list for 2027 attached.\n\nJane',
      },
      attachments: [
        { name: 'Price list 2027.csv', contentType: 'text/csv', contentBytes: PRICE_LIST.toString('base64') },
        { name: 'Brochure.pdf', contentType: 'application/pdf', contentBytes: BROCHURE.toString('base64') },
      ],
    });
    emu.addMessage(MAILBOX, 'archive', {
      subject: 'Meeting next week',
      from,
      toRecipients: to,
      internetMessageId: `<demo-${jane}-2@contoso.example>`,
      body: {
        contentType: 'html',
        content:
          '<p>Dear Jane, shall we meet on <b>Tuesday</b>?</p>' +
          `<script>parent.postMessage('script-ran', '*'); fetch('${remoteUrl}/script')</script>` +
          `<img src="${remoteUrl}/pixel.gif" alt="" onerror="parent.postMessage('handler-ran', '*')">` +
          `<p style="background:url(${remoteUrl}/bg.png)">Best regards, Annette</p>`,
      },
    });
  });

  afterEach(async function () {
    await closePane(this, pane);
    pane = undefined;
  });

  it('shows a salesperson the logged mail’s text and attachments, and downloads one', async () => {
    const { page, dialog } = await viewEntry('Price list 2027');
    await dialog.getByText('please find our price list for 2027 attached.').waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Jane Doe <jane\.doe@fabrikam\.example>/);
    const files = dialog.getByRole('region', { name: 'Attachments' }).getByRole('button');
    assert.deepEqual(await files.allTextContents(), [
      `Price list 2027.csv (${PRICE_LIST.length} B)`,
      `Brochure.pdf (${BROCHURE.length} B)`,
    ]);
    await saveScreenshot(page, 'mail-viewer-text');
    await expectNoSeriousA11yViolations(page, 'pane: logged mail viewer (text mail)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      files.filter({ hasText: 'Price list 2027.csv' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'Price list 2027.csv');
    const saved = await download.path();
    assert.ok(saved);
    const { readFile } = await import('node:fs/promises');
    assert.deepEqual(await readFile(saved), PRICE_LIST);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(uncaught(pane!), []);
  });

  it('shows an HTML mail without its script, event handler or remote picture', async () => {
    const hitsBefore = remoteHits.length;
    const requests: string[] = [];
    const { page, dialog } = await viewEntry('Meeting next week', requests);
    const frame = page.frameLocator('iframe[title="Email content"]');
    await frame.getByText('shall we meet on').waitFor();
    await dialog.getByText('Pictures and other content from the Internet are not shown.').waitFor();
    // Give anything that could run or load a moment to do so.
    await page.waitForTimeout(1_000);
    const iframe = page.locator('iframe[title="Email content"]');
    const inFrame = {
      sandbox: await iframe.getAttribute('sandbox'),
      srcdoc: (await iframe.getAttribute('srcdoc')) ?? '',
    };
    assert.equal(inFrame.sandbox, 'allow-popups allow-popups-to-escape-sandbox');
    for (const banned of ['<script', 'onerror', remoteUrl, 'url('])
      assert.ok(!inFrame.srcdoc.includes(banned), `no ${banned} in the frame`);
    assert.match(inFrame.srcdoc, /Content-Security-Policy" content="default-src 'none'/);
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PaneWindow).__mailMessages), []);
    assert.deepEqual(
      requests.filter((u) => u.startsWith(remoteUrl)),
      [],
      'the browser asked the remote host for nothing',
    );
    assert.equal(remoteHits.length, hitsBefore, 'the remote host was asked nothing');
    await saveScreenshot(page, 'mail-viewer-html');
    await expectNoSeriousA11yViolations(page, 'pane: logged mail viewer (HTML mail)');
    assert.deepEqual(uncaught(pane!), []);
  });

  it('says it in Danish', async () => {
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      displayLanguage: 'da-DK',
    });
    const { page } = pane;
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    const history = region(page, 'Interaktionslogposter');
    await history.getByRole('button', { name: 'Handlinger for Price list 2027' }).click();
    await history.getByRole('button', { name: 'Vis e-mail' }).click();
    const dialog = page.getByRole('dialog', { name: 'Price list 2027' });
    await dialog.getByText('please find our price list for 2027 attached.').waitFor();
    const text = (await dialog.textContent()) ?? '';
    for (const word of ['Fra', 'Til', 'Sendt', 'Vedhæftede filer', 'Luk'])
      assert.ok(text.includes(word), word);
    await dialog.getByRole('button', { name: /^Hent Brochure\.pdf, 20 B$/ }).waitFor();
    await saveScreenshot(page, 'mail-viewer-da');
  });

  /**
   * Opens the pane on Jane Doe's mail and "View email" on her logged entry `subject`, recording every request the
   * page makes and every "...-ran" message posted to the pane's window (what a script in the mail would send).
   */
  async function viewEntry(subject: string, requests: string[] = []) {
    pane = await openTaskpane(browser(), server().url, {
      item: sample('quote-request'),
      beforeLoad: async (page) => {
        page.on('request', (r) => requests.push(r.url()));
        await page.addInitScript(() => {
          const w = globalThis as unknown as PaneWindow;
          w.__mailMessages = [];
          w.addEventListener('message', (e) => {
            if (typeof e.data === 'string' && e.data.endsWith('-ran')) w.__mailMessages.push(e.data);
          });
        });
      },
    });
    const { page } = pane;
    await page.getByRole('group', { name: 'Jane Doe' }).waitFor();
    const history = region(page, 'Interaction log entries');
    await history.getByRole('button', { name: `Actions for ${subject}` }).click();
    await history
      .getByRole('group', { name: `Actions for ${subject}` })
      .getByRole('button', { name: 'View email' })
      .click();
    const dialog = page.getByRole('dialog', { name: subject });
    await dialog.waitFor();
    await eventually(async () => assert.ok(requests.some((u) => u.endsWith('/mail'))));
    return { page, dialog };
  }
});
