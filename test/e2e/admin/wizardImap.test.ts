// The assisted setup of an IMAP logging mailbox (issue 14, point 2) in Chromium, against a real Dovecot: the
// wizard offers IMAP next to Microsoft 365, takes the server (STARTTLS, the company CA pasted in), refuses a wrong
// password with advice about the IMAP account (never Graph's), passes with the right one, saves the password
// sealed and enables the mailbox; the Email logging page then shows the server with the password locked, and its
// Validate setup proves MOVE. Every state is screenshotted and checked with axe.
import assert from 'node:assert/strict';
import { exportPKCS8, generateKeyPair } from 'jose';
import type { BrowserContext, Page } from 'playwright-core';
import { startMailServers, type MailServers } from '../../support/mailServers.js';
import { ADMIN, checkPage, eventually, openConsole, useAdminHarness } from './adminHarness.js';

const LOGGING = 'logging@contoso.example';
const PASSWORD = 'wizard-imap-31';

describe('admin console (e2e): assisted setup of an IMAP logging mailbox, validated against Dovecot', function () {
  this.timeout(240_000);
  const harness = useAdminHarness('adminwizardimap');
  let servers: MailServers;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  before(async function () {
    this.timeout(60_000);
    servers = await startMailServers({ logging: { user: LOGGING, password: PASSWORD } });
    ({ context, page, errors } = await openConsole(harness(), ADMIN, '#/wizard'));
  });
  after(async () => {
    await context?.close();
    await servers?.stop();
  });

  const next = () => page.getByRole('button', { name: 'Next', exact: true });
  const heading = (name: string) => page.getByRole('heading', { name, exact: true });
  const validation = () => page.getByTestId('validation-result');
  const box = (name: string) => page.getByRole('textbox', { name, exact: true });
  const stored = () => harness().db.conn.db!.collection('loggingSetups').findOne({ mailbox: LOGGING });

  it('sets up, checks and enables an IMAP mailbox; a wrong password is refused with IMAP advice', async () => {
    await heading('Prepare Exchange Online').waitFor();
    await page.getByRole('radio', { name: /^IMAP/ }).check();
    await heading('Prepare the IMAP mailbox').waitFor();
    await page.getByText(/recipient_bcc_maps and sender_bcc_maps in Postfix/).waitFor();
    assert.equal(
      await page.getByText('-FromScope NotInOrganization').count(),
      0,
      'no Exchange Online commands',
    );
    assert.equal(await next().isDisabled(), false, 'nothing to confirm for an IMAP mailbox');
    await checkPage(page, 'imap-01-wizard-source');
    await next().click();

    await heading('IMAP server').waitFor();
    assert.equal(await box('Port').inputValue(), '993', 'implicit TLS by default');
    await page.getByRole('radio', { name: /^STARTTLS/ }).check();
    assert.equal(await box('Port').inputValue(), '143', 'the port follows the security');
    await box('Host').fill(servers.host);
    await box('Port').fill(String(servers.imapPort));
    await box('User name').fill(LOGGING);
    assert.equal(await next().isDisabled(), true, 'Next waits for a password');
    await page.locator('input[type=password]').fill('not-the-password');
    await page.getByLabel(/Company CA certificate/).fill(servers.ca);
    await checkPage(page, 'imap-02-wizard-server');
    await next().click();

    await heading('Logging mailbox').waitFor();
    await box('Logging mailbox address').fill(LOGGING);
    await page.getByRole('button', { name: 'Check connection' }).click();
    await validation().waitFor();
    const refused = await validation().innerText();
    assert.match(refused, /^Could not access the logging mailbox\.\n/);
    assert.match(refused, new RegExp(`refused the sign-in of ${LOGGING}.*Check the user name and password`));
    assert.doesNotMatch(refused, /Graph|Entra|Exchange Online|client secret/);
    assert.equal(await next().isDisabled(), true, 'Next stays disabled after a failed check');
    await checkPage(page, 'imap-03-wizard-wrong-password');
    assert.equal(await stored(), null, 'a failed check stores no setup');

    await page.getByRole('button', { name: 'Back' }).click();
    await page.locator('input[type=password]').fill(PASSWORD);
    await next().click();
    assert.equal(await validation().count(), 0, 'a check of other inputs does not count');
    await page.getByRole('button', { name: 'Check connection' }).click();
    await validation().getByText('The setup for email logging is ready to use.').waitFor();
    const passed = await validation().innerText();
    assert.match(passed, /moved from "Interlog quarantine" to "Archive" and deleted again/);
    await eventually(async () => assert.equal(await next().isDisabled(), false));
    await checkPage(page, 'imap-04-wizard-connected');
    await next().click();

    await heading('Advanced settings').waitFor();
    await next().click();
    await heading('Finish').waitFor();
    const server = page.locator('dt', { hasText: /^Server$/ }).locator('xpath=following-sibling::dd[1]');
    assert.equal(
      await server.textContent(),
      `${servers.host}:${servers.imapPort} (STARTTLS (usually port 143))`,
    );
    await checkPage(page, 'imap-05-wizard-finish');
    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    await page.getByText(`Email logging is set up for ${LOGGING}.`).waitFor();

    const setup = await stored();
    assert.deepEqual(
      [setup?.provider, setup?.enabled, setup?.lastValidationOk, setup?.imap?.host, setup?.imap?.port],
      ['imap', true, true, servers.host, servers.imapPort],
    );
    assert.equal(setup?.imap?.security, 'starttls');
    assert.ok(setup?.imap?.passwordSealed && !String(setup.imap.passwordSealed).includes(PASSWORD));
    assert.deepEqual(errors, []);
  });

  it('in Danish: the mail-source choice and the IMAP server step, accessible', async () => {
    const da = await openConsole(harness(), ADMIN, '#/wizard', 'da');
    try {
      await da.page.getByRole('radio', { name: /^IMAP \(Exchange lokalt/ }).check();
      await da.page.getByRole('heading', { name: 'Forbered IMAP-postkassen', exact: true }).waitFor();
      await da.page.getByRole('button', { name: 'Næste', exact: true }).click();
      await da.page.getByRole('heading', { name: 'IMAP-server', exact: true }).waitFor();
      await da.page.getByRole('textbox', { name: 'Værtsnavn', exact: true }).waitFor();
      await da.page.getByText('STARTTLS (normalt port 143)').waitFor();
      await checkPage(da.page, 'imap-07-wizard-server-da');
      assert.deepEqual(da.errors, []);
    } finally {
      await da.context.close();
    }
  });

  it('the Email logging page shows the server, the password locked while enabled, and validates', async () => {
    await page.getByRole('button', { name: 'Open Email logging' }).click();
    await page.getByRole('heading', { name: 'IMAP server' }).waitFor();
    assert.equal(await box('Host').inputValue(), servers.host);
    assert.equal(await page.getByLabel('New password').isDisabled(), true, 'locked while enabled');
    assert.equal(await page.getByLabel('New password').inputValue(), '', 'the password never comes back');
    await page.getByText('A password is stored. Leave this empty to keep it.').waitFor();
    assert.equal(await page.getByLabel('Tenant id').count(), 0, 'no app registration for an IMAP mailbox');
    await page.getByRole('button', { name: 'Validate setup' }).click();
    await validation().getByText('The setup for email logging is ready to use.').waitFor();
    await checkPage(page, 'imap-06-email-logging');
    assert.deepEqual(errors, []);
  });

  it('OAuth sign-in on the Email logging page: the client is saved, its secret sealed and never shown again', async () => {
    const enabled = page.getByRole('switch', { name: 'Enabled' });
    await enabled.click(); // turned off once the server has answered
    await eventually(async () => assert.equal(await enabled.isChecked(), false));
    await eventually(async () => assert.equal(await page.getByLabel('New password').isDisabled(), false));
    await page.getByRole('radio', { name: /^OAuth 2\.0/ }).check();
    assert.equal(await page.getByLabel('New password').count(), 0, 'no password field for OAuth');
    const tokenUrl = 'https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token';
    await box('Token endpoint').fill(tokenUrl);
    await box('Client ID').fill('00000000-0000-0000-0000-00000000c11e');
    await box('Client secret').fill('oauth-client-secret-77');
    await box('Scope').fill('https://outlook.office365.com/.default');
    await checkPage(page, 'imap-08-email-logging-oauth');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => assert.equal((await stored())?.imap?.auth, 'oauth2'));
    const setup = await stored();
    assert.equal(setup?.imap?.oauth?.tokenUrl, tokenUrl);
    assert.ok(setup?.imap?.oauth?.clientSecretSealed, 'the secret is stored');
    assert.ok(!JSON.stringify(setup).includes('oauth-client-secret-77'), 'sealed, not in clear');
    assert.ok(setup?.imap?.passwordSealed, 'the password stays stored for a switch back');

    await page.reload();
    await page.getByRole('heading', { name: 'IMAP server' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /^OAuth 2\.0/ }).isChecked(), true);
    assert.equal(await box('Token endpoint').inputValue(), tokenUrl);
    assert.equal(await page.getByLabel('New client secret').inputValue(), '', 'the secret never comes back');
    await page.getByText('A client secret is stored. Leave this empty to keep it.').waitFor();
    await checkPage(page, 'imap-09-email-logging-oauth-stored');
    assert.deepEqual(errors, []);
  });

  it('a Google Workspace service account: its JSON key file pasted whole; the key sealed, the account shown', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const account = 'interlog-imap@contoso-crm.iam.gserviceaccount.com';
    await page.getByRole('radio', { name: /service account’s key/ }).check();
    // Another grant needs its own secret: the stored client secret does not count for it.
    assert.equal(await page.getByText('A client secret is stored.').count(), 0);
    await box('Token endpoint').fill('');
    await box('Scope').fill('');
    await page.getByLabel('Private key').fill(
      JSON.stringify({
        type: 'service_account',
        private_key: pem,
        client_email: account,
        token_uri: 'https://oauth2.googleapis.com/token',
      }),
    );
    assert.equal(await box('Service account (email)').inputValue(), account);
    assert.equal(await box('Token endpoint').inputValue(), 'https://oauth2.googleapis.com/token');
    assert.equal(await box('Scope').inputValue(), 'https://mail.google.com/');
    await checkPage(page, 'imap-10-email-logging-service-account');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(async () => assert.equal((await stored())?.imap?.oauth?.grant, 'jwt_bearer'));
    const setup = await stored();
    assert.equal(setup?.imap?.oauth?.clientId, account);
    assert.ok(!JSON.stringify(setup).includes('PRIVATE KEY'), 'the key is sealed, not in clear');

    await page.reload();
    await page.getByRole('heading', { name: 'IMAP server' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /service account’s key/ }).isChecked(), true);
    assert.equal(await page.getByLabel('New private key').inputValue(), '', 'the key never comes back');
    await page.getByText('A private key is stored. Leave this empty to keep it.').waitFor();
    assert.deepEqual(errors, []);
  });
});
