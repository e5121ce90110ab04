// Delegated access end to end in headless Chromium: the wizard's "Sign in with the job account" and the Email
// logging page's "Renew token" go through the emulator's authorize endpoint (Entra ID's stand-in) and the
// server's callback back into the console, and the job then reads the mailbox with the job account's token.
// The sign-in is bound to the admin's browser (an HttpOnly cookie) and to the job account the admin named: a
// callback opened in another browser, or a sign-in with another account, is refused.
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { ADMIN, checkPage, eventually, MAILBOX, openConsole, useAdminHarness } from './adminHarness.js';

const JOB = {
  username: 'crm-job@contoso.example',
  oid: '6e0c8d2f-0000-4000-8000-0000000000b1',
  name: 'CRM job',
};
const OTHER = {
  username: 'someone-else@contoso.example',
  oid: '6e0c8d2f-0000-4000-8000-0000000000b2',
  name: 'Someone else',
};
const person = (address: string) => ({ address, name: address.split('@')[0] });
/** What the user does on Microsoft's sign-in page, played by rewriting the authorize URL's login hint. */
async function pickAccount(page: Page, username: string | null): Promise<void> {
  await page.route(/\/oauth2\/v2\.0\/authorize/, (route) => {
    const url = new URL(route.request().url());
    if (username) url.searchParams.set('login_hint', username);
    else url.searchParams.delete('login_hint');
    return route.continue({ url: url.href });
  });
}

describe('admin console (e2e): the job account signs in through Entra ID (delegated access)', function () {
  this.timeout(240_000);
  const harness = useAdminHarness('adminconsent');
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  before(async () => {
    harness().emu.addUser(JOB);
    harness().emu.addUser(OTHER);
    ({ context, page, errors } = await openConsole(harness(), ADMIN, '#/wizard'));
  });
  after(() => context?.close());

  const next = () => page.getByRole('button', { name: 'Next', exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const outcome = () => page.getByTestId('consent-outcome');
  const jobAccount = () => page.getByTestId('job-account');
  const storedSetup = () => harness().db.conn.db!.collection('loggingSetups').findOne({ mailbox: MAILBOX });

  it('wizard: Next waits for the job account, which signs in through Microsoft and comes back', async () => {
    const h = harness();
    await heading('Prepare Exchange Online').waitFor();
    await page.getByLabel('These steps are done').check();
    await next().click();

    await heading('Register the app in Microsoft Entra ID').waitFor();
    await page.getByRole('radio', { name: /^Delegated/ }).check();
    await page.getByLabel('Tenant id').fill(h.emu.tenantId);
    await page.getByLabel('Client id').fill(DEFAULT_CLIENT.clientId);
    await page.locator('input[type=password]').fill(DEFAULT_CLIENT.clientSecret!);
    await page.getByText('you sign in with the job account on the next step').waitFor();
    await next().click();

    await heading('Shared mailbox').waitFor();
    await page.getByLabel('Shared mailbox address').fill(MAILBOX);
    await page.getByLabel('Job account (delegated access)').fill(JOB.username);
    await jobAccount().getByText('No job account is signed in yet.').waitFor();
    await page.getByRole('button', { name: 'Check connection' }).click();
    await page
      .getByTestId('validation-result')
      .getByRole('listitem')
      .getByText(/no job account is signed in/)
      .waitFor();
    assert.equal(await next().isDisabled(), true, 'no job account, no Next');
    await checkPage(page, 'consent-01-wizard-not-signed-in');

    // To the emulator's authorize endpoint (the job account is the login hint), back through the callback.
    const codes = h.emu.stats.tokenRequests.authorization_code ?? 0;
    await page.getByRole('button', { name: 'Sign in with the job account' }).click();
    await outcome().getByText('The job account is signed in').waitFor();
    assert.equal(h.emu.stats.tokenRequests.authorization_code, codes + 1);
    await heading('Shared mailbox').waitFor();
    await jobAccount().getByText(`${JOB.username}, signed in`).waitFor();
    assert.equal(await page.getByLabel('Shared mailbox address').inputValue(), MAILBOX, 'the wizard resumed');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('devUser'), ADMIN, 'still signed in to the console as before');
    assert.equal(url.hash, `#/wizard?mailbox=${encodeURIComponent(MAILBOX)}`, 'the outcome left the URL');
    await checkPage(page, 'consent-02-wizard-signed-in');

    await page.getByRole('button', { name: 'Check connection' }).click();
    await page
      .getByTestId('validation-result')
      .getByText('The setup for email logging is ready to use.')
      .waitFor();
    await eventually(async () => assert.equal(await next().isDisabled(), false));
    await next().click();
    await heading('Advanced settings').waitFor();
    await page.getByLabel('Run every (seconds)').fill('3600'); // Run now, not the schedule, logs the mail below
    await next().click();
    await heading('Finish').waitFor();
    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByText(`Email logging is set up for ${MAILBOX}.`).waitFor();

    const setup = await storedSetup();
    assert.deepEqual(
      [setup?.enabled, setup?.authMode, setup?.delegatedAccount?.username, setup?.jobAccount],
      [true, 'delegated', JOB.username, JOB.username],
    );
    assert.match(setup?.tokenCacheSealed, /^v1\./);
    assert.equal(await h.db.conn.db!.collection('consentRequests').countDocuments(), 0);
  });

  it('Email logging: Renew token signs in again, and Run now logs mail with the job account’s token', async () => {
    const h = harness();
    await page.getByRole('button', { name: 'Open Email logging' }).click();
    const renew = page.getByRole('button', { name: 'Renew token' });
    await renew.waitFor();
    await jobAccount().getByText(`${JOB.username}, signed in`).waitFor();
    assert.equal(await renew.isDisabled(), false, 'allowed while enabled');
    const before = (await storedSetup())?.delegatedAccount;

    await renew.click();
    await outcome().getByText('The job account is signed in').waitFor();
    const after = (await storedSetup())?.delegatedAccount;
    assert.equal(after?.username, JOB.username);
    assert.ok(after!.consentedAt > before!.consentedAt, 'a new sign-in replaced the previous one');
    await checkPage(page, 'consent-03-renewed');

    h.emu.stats.reset();
    h.emu.addMessage(MAILBOX, 'inbox', {
      subject: 'Valve order 815',
      internetMessageId: '<valve-815@fabrikam.example>',
      from: person('anna.jensen@fabrikam.example'),
      toRecipients: [person('peter.hansen@contoso.example')],
      sentDateTime: new Date().toISOString(),
    });
    await page.getByRole('button', { name: 'Run now' }).click();
    const runs = h.db.conn.db!.collection('jobRuns');
    const run = await eventually(async () => {
      const r = await runs.findOne({ mailbox: MAILBOX, trigger: 'manual', outcome: { $ne: 'running' } });
      assert.ok(r, 'the manual run finished');
      return r;
    }, 60_000);
    assert.equal(run.outcome, 'succeeded', JSON.stringify(run.errors));
    assert.equal(run.counts.logged, 1);
    // Graph saw the job account's delegated token, never an app token.
    assert.ok((h.emu.stats.byPrincipal[`user:${JOB.username}`] ?? 0) > 0, JSON.stringify(h.emu.stats));
    assert.deepEqual(
      Object.keys(h.emu.stats.byPrincipal).filter((k) => k.startsWith('app:')),
      [],
    );
    assert.equal(
      await h.db.conn.db!.collection('interactions').countDocuments({ subject: 'Valve order 815' }),
      1,
    );
  });

  it('Renew token: a cancelled sign-in is reported and keeps the signed-in account', async () => {
    // Without a login hint the emulator shows its account picker, whose Cancel answers as Entra ID does.
    await pickAccount(page, null);
    const before = (await storedSetup())?.delegatedAccount;
    await page.getByRole('button', { name: 'Renew token' }).click();
    await page.getByRole('heading', { name: 'Pick an account' }).waitFor();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await outcome().getByText('The job account was not signed in').waitFor();
    await outcome()
      .getByText(/permissions were declined.*AADSTS65004/)
      .waitFor();
    await jobAccount().getByText(`${JOB.username}, signed in`).waitFor();
    assert.deepEqual((await storedSetup())?.delegatedAccount, before);
    await checkPage(page, 'consent-04-cancelled');
    await page.unrouteAll();
  });

  it('Renew token: a sign-in with another account than the job account is refused and stores nothing', async () => {
    await pickAccount(page, OTHER.username);
    const before = await storedSetup();
    await page.getByRole('button', { name: 'Renew token' }).click();
    await outcome().getByText('The job account was not signed in').waitFor();
    await outcome()
      .getByText(/Another account signed in than the job account/)
      .waitFor();
    const after = await storedSetup();
    assert.deepEqual(
      [after?.delegatedAccount, after?.tokenCacheSealed, after?.jobAccount],
      [before?.delegatedAccount, before?.tokenCacheSealed, JOB.username],
    );
    await checkPage(page, 'consent-05-wrong-account');
    await page.unrouteAll();
  });

  it('a callback opened in a browser without the sign-in cookie is refused; the admin can still finish', async () => {
    const h = harness();
    // The admin's browser stops before the callback; its URL (code and state) goes to another browser.
    // (Playwright does not route redirect hops, so the authorize answer is fetched and its Location kept.)
    let stolen = '';
    await page.route(/\/oauth2\/v2\.0\/authorize/, async (route) => {
      const answer = await route.fetch({ maxRedirects: 0 });
      stolen = answer.headers()['location'] ?? '';
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<p>Stopped before the callback</p>',
      });
    });
    const before = await storedSetup();
    await page.getByRole('button', { name: 'Renew token' }).click();
    await eventually(async () => assert.ok(stolen, 'the browser reached the callback'));
    const other = await openConsole(h, ADMIN);
    try {
      await other.page.goto(stolen);
      await other.page
        .getByTestId('consent-outcome')
        .getByText(/another browser than the one that started it/)
        .waitFor();
      await checkPage(other.page, 'consent-06-other-browser');
    } finally {
      await other.context.close();
    }
    assert.deepEqual((await storedSetup())?.delegatedAccount, before?.delegatedAccount);
    await page.unrouteAll();
    await page.goto(stolen); // the admin's own browser, with its cookie: the sign-in was not used up
    await outcome().getByText('The job account is signed in').waitFor();
    assert.ok((await storedSetup())!.delegatedAccount.consentedAt > before!.delegatedAccount.consentedAt);
    assert.deepEqual(errors, []);
  });
});
