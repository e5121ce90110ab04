import assert from 'node:assert/strict';
import { ADMIN, checkPage, openConsole, SALESPERSON, useAdminHarness } from './adminHarness.js';

describe('admin console (e2e): admins only, and Danish', function () {
  this.timeout(120_000);
  const harness = useAdminHarness('adminforbidden');

  it('answers 403 to a salesperson on the admin API, and the page says they are not an admin', async () => {
    const h = harness();
    const token = (
      (await (await fetch(`${h.url}/api/v1/dev/token?email=${SALESPERSON}`)).json()) as {
        access_token: string;
      }
    ).access_token;
    for (const path of ['/logging/setups', '/logging/status', '/interactions', '/salespeople/export']) {
      const r = await fetch(`${h.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 403, path);
      assert.equal(((await r.json()) as { code: string }).code, 'forbidden');
    }

    const { context, page, errors } = await openConsole(h, SALESPERSON, '#/wizard');
    try {
      const refused: number[] = [];
      page.on('response', (r) => r.url().includes('/api/v1/logging/') && refused.push(r.status()));
      await page.reload();
      const notAdmin = page.getByTestId('not-admin');
      await notAdmin.getByText('You are not an Interlog admin').waitFor();
      assert.match(await notAdmin.innerText(), /peter\.hansen@contoso\.example/);
      assert.match(await notAdmin.innerText(), /403/);
      assert.deepEqual(refused, [403]);
      assert.equal(await page.getByRole('tab').count(), 0, 'no admin pages are offered');
      await checkPage(page, '14-not-an-admin');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('development sign-in lists whom to sign in as, with their roles; choosing one signs in', async () => {
    const h = harness();
    const { context, page, errors } = await openConsole(h, ADMIN);
    try {
      await page.goto(`${h.url}/admin?lang=en`);
      const accounts = page.getByRole('list', { name: 'Demo accounts' });
      await accounts.waitFor();
      const admin = accounts.getByRole('button', {
        name: new RegExp(`${ADMIN.replace(/\./g, '\\.')} \\(admin\\)`),
      });
      await admin.waitFor();
      await accounts.getByRole('button', { name: /Peter Hansen \(salesperson PH\)/ }).waitFor();
      await checkPage(page, '00-dev-sign-in');
      await admin.click();
      await page.getByText('Signed in as', { exact: false }).waitFor();
      assert.equal(new URL(page.url()).searchParams.get('devUser'), ADMIN);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('redirects /admin to the console page, which is never framed', async () => {
    const h = harness();
    const r = await fetch(`${h.url}/admin?lang=da`, { redirect: 'manual' });
    assert.deepEqual([r.status, r.headers.get('location')], [302, '/admin.html?lang=da']);
    const html = await fetch(`${h.url}/admin.html`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  it('speaks Danish with Business Central’s terms', async () => {
    const { context, page, errors } = await openConsole(harness(), ADMIN, '#/wizard', 'da');
    try {
      await page.getByRole('heading', { name: 'Konfigurer e-maillogføring' }).waitFor();
      await page.getByRole('tab', { name: 'Interaktionslogposter' }).waitFor();
      await page.getByRole('tab', { name: 'Assisteret opsætning' }).waitFor();
      await checkPage(page, '15-wizard-danish');
      await page.getByRole('tab', { name: 'Jobstatus' }).click();
      await page.getByText('Der er endnu ingen postkasse konfigureret.').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
