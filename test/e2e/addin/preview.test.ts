// The preview page (addin/preview, development and demo only): the real pane next to sample messages, served
// by a development server and refused by a production one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { people } from '../../../addin/preview/samples.js';
import { ADDIN_DIST, useAddinServer } from '../support/addinServer.js';
import {
  collectPageErrors,
  eventually,
  newLocalContext,
  saveScreenshot,
  useBrowser,
} from '../support/browser.js';
import { paneBackground, region } from '../support/panePage.js';

const pane = (page: Page) => page.getByRole('region', { name: 'Interlog task pane' });
const sampleButton = (page: Page, subject: string | RegExp) =>
  page.getByRole('navigation', { name: 'Sample messages' }).getByRole('button', { name: subject });

describe('preview page', function () {
  this.timeout(180_000);
  const browser = useBrowser();

  describe('on a development server', () => {
    const server = useAddinServer('e2epreview');
    let context: BrowserContext | undefined;

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && context?.pages()[0]) {
        await saveScreenshot(context.pages()[0]!, 'failed-preview').catch(() => {});
      }
      await context?.close();
      context = undefined;
    });

    it('switches the real pane between sample messages, compose recipients and no item', async () => {
      context = await newLocalContext(browser(), { viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${server().url}/preview.html`);

      // The first sample is selected on load.
      await pane(page).getByRole('group', { name: 'Jane Doe' }).waitFor();
      assert.equal(await sampleButton(page, /Request for quotation/).getAttribute('aria-pressed'), 'true');
      await saveScreenshot(page, 'preview-light');

      await sampleButton(page, /Delivery window next week/).click();
      await pane(page).getByRole('group', { name: 'Ida Berg' }).waitFor();
      assert.equal(await sampleButton(page, /Request for quotation/).getAttribute('aria-pressed'), 'false');

      await sampleButton(page, /Partnership proposal/).click();
      await region(page, 'Not in the CRM yet')
        .getByRole('button', { name: `Add as contact: ${people.stranger.address}` })
        .waitFor();

      await sampleButton(page, /Price list 2027/).click();
      await pane(page).getByRole('group', { name: 'Mark Lee' }).waitFor();
      await page.getByText('The email can be logged once it is sent.').waitFor();
      await page.getByRole('checkbox', { name: new RegExp(people.ida.name) }).check();
      await page.getByRole('checkbox', { name: new RegExp(people.mark.name) }).uncheck();
      await pane(page).getByRole('group', { name: 'Ida Berg' }).waitFor();
      await eventually(async () =>
        assert.equal(await pane(page).getByRole('group', { name: 'Mark Lee' }).count(), 0),
      );

      await sampleButton(page, /No message selected/).click();
      await page.getByText('Select an email to see its contacts and history.').waitFor();

      await sampleButton(page, /Request for quotation/).click();
      await pane(page).getByRole('group', { name: 'Jane Doe' }).waitFor();
      await page.getByRole('switch', { name: 'Dark theme' }).check();
      await eventually(async () => {
        const background = await paneBackground(pane(page));
        assert.equal(background, 'rgb(41, 41, 41)');
      });
      await saveScreenshot(page, 'preview-dark');
      assert.deepEqual(
        errors.filter((e) => e.startsWith('uncaught')),
        [],
      );
    });

    it('shows the pane in Danish when the Danish display language is chosen', async () => {
      context = await newLocalContext(browser(), { viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server().url}/preview.html`);
      await pane(page).getByRole('group', { name: 'Jane Doe' }).waitFor();
      await page.getByLabel('Outlook display language').selectOption('da-DK');
      await pane(page).getByRole('heading', { name: 'Interaktionslogposter' }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'da-DK');
    });
  });

  describe('on a production server', () => {
    const server = useAddinServer('e2epreviewprod', {
      NODE_ENV: 'production',
      AUTH_MODE: 'entra',
      API_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      ENTRA_TENANT_IDS: '66666666-7777-8888-9999-000000000000',
    });

    it('is not served, while the task pane is', async () => {
      const { url } = server();
      assert.equal((await fetch(`${url}/preview.html`)).status, 404);
      assert.equal((await fetch(`${url}/taskpane.html`)).status, 200);
      // Its script too (built into every dist/addin, named by content hash).
      const builtPage = fs.readFileSync(path.join(ADDIN_DIST, 'preview.html'), 'utf8');
      const script = /src=["']?(preview\.[0-9a-f]+\.js)/.exec(builtPage)?.[1];
      assert.ok(script, 'dist/addin/preview.html names its script');
      assert.equal((await fetch(`${url}/${script}`)).status, 404);
    });
  });
});
