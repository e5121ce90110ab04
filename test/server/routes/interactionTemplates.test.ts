// The interaction templates (issue 16): the deployment setting (validated, admins only, audited), "Log this
// email" copying the e-mail template onto its entries, and the template shown with each entry.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { messageRef } from './samples.js';

const EMAILS = { code: 'E-MAILS', description: 'E-mails', groupCode: null, cost: 0, durationMin: 0 };
const SALES = {
  code: 'SALESMAIL',
  description: 'Sales e-mail',
  groupCode: 'SALES',
  cost: 1.5,
  durationMin: 5,
};

describe('interaction templates: the setting, manual logging, the entries', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('templates');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const put = (body: object, token = 'admin') => h.request('PUT', '/api/v1/settings', { token, body });
  const problem = (r: { status: number; json: { code: string; errors?: { path: string }[] } }) => [
    r.status,
    r.json.code,
    r.json.errors?.map((e) => e.path),
  ];

  it('has none until an admin saves them; validates codes, numbers, duplicates and the e-mail template', async () => {
    const first = await h.request('GET', '/api/v1/settings', { token: 'admin' });
    assert.deepEqual([first.json.interactionTemplates, first.json.emailTemplate], [[], null]);

    const lower = await put({ interactionTemplates: [{ ...EMAILS, code: 'e-mails' }] });
    assert.deepEqual(problem(lower), [400, 'validation_failed', ['body.interactionTemplates.0.code']]);
    const long = await put({ interactionTemplates: [{ ...EMAILS, code: 'E-MAILS-LONG' }] });
    assert.deepEqual(problem(long), [400, 'validation_failed', ['body.interactionTemplates.0.code']]);
    const negative = await put({ interactionTemplates: [{ ...EMAILS, cost: -1, durationMin: 1.5 }] });
    assert.deepEqual(problem(negative), [
      400,
      'validation_failed',
      ['body.interactionTemplates.0.cost', 'body.interactionTemplates.0.durationMin'],
    ]);
    const cents = await put({ interactionTemplates: [{ ...EMAILS, cost: 0.125 }] });
    assert.deepEqual(problem(cents), [400, 'validation_failed', ['body.interactionTemplates.0.cost']]);
    const twice = await put({ interactionTemplates: [EMAILS, { ...SALES, code: 'E-MAILS' }] });
    assert.deepEqual(problem(twice), [400, 'validation_failed', ['body.interactionTemplates.1.code']]);
    const unknown = await put({ interactionTemplates: [SALES], emailTemplate: 'E-MAILS' });
    assert.deepEqual(problem(unknown), [400, 'validation_failed', ['body.emailTemplate']]);
    const extra = await put({ interactionTemplates: [{ ...EMAILS, campaign: 'X' }] });
    assert.deepEqual([extra.status, extra.json.code], [400, 'validation_failed']);
    assert.match(extra.headers.get('content-type') ?? '', /^application\/problem\+json/);

    const sp = await put({ interactionTemplates: [EMAILS] }, 'salesperson');
    assert.deepEqual([sp.status, sp.json.code], [403, 'forbidden']);
    const stillNone = await h.request('GET', '/api/v1/settings', { token: 'admin' });
    assert.deepEqual(stillNone.json.interactionTemplates, []);

    const ok = await put({ interactionTemplates: [EMAILS, SALES], emailTemplate: 'SALESMAIL' });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual([ok.json.interactionTemplates, ok.json.emailTemplate], [[EMAILS, SALES], 'SALESMAIL']);
    assert.deepEqual([ok.json.visibility, ok.json.sensitiveMail], ['team', 'metadata']);
    // The template in use cannot be removed while e-mails get it.
    const removeUsed = await put({ interactionTemplates: [EMAILS] });
    assert.deepEqual(problem(removeUsed), [400, 'validation_failed', ['body.emailTemplate']]);

    const line = await h.raw('audit').find({ action: 'settings.update' }).sort({ at: -1 }).limit(1).next();
    assert.deepEqual(line?.detail, { fields: ['interactionTemplates', 'emailTemplate'] });
  });

  it('"Log this email" copies the e-mail template; the pane and the console show it with the entry', async () => {
    const r = await h.request('POST', '/api/v1/log-email', { token: 'salesperson', body: messageRef() });
    assert.equal(r.status, 200, r.text);
    const entryNumber = r.json.entries[0].entryNumber as number;
    const stored = await h.raw('interactions').findOne({ entryNumber });
    assert.deepEqual(
      [stored?.templateCode, stored?.templateDescription, stored?.interactionGroupCode, stored?.cost],
      ['SALESMAIL', 'Sales e-mail', 'SALES', 1.5],
    );
    assert.equal(stored?.durationMin, 5);

    // Changed afterwards: the entry keeps what it was logged with.
    await put({ interactionTemplates: [EMAILS, { ...SALES, cost: 7 }], emailTemplate: 'E-MAILS' });
    const detail = await h.request('GET', `/api/v1/interactions/${entryNumber}`, { token: 'salesperson' });
    assert.deepEqual(detail.json.template, SALES);
    const admin = await h.request('GET', '/api/v1/interactions?contactNumber=CT000001', {
      token: 'admin',
    });
    assert.equal(admin.status, 200, admin.text);
    const row = admin.json.items.find((e: { entryNumber: number }) => e.entryNumber === entryNumber);
    assert.deepEqual(row?.template, SALES);

    const next = await h.request('POST', '/api/v1/log-email', { token: 'salesperson', body: messageRef() });
    assert.deepEqual(next.json.entries.length, 1);
    const nextStored = await h.raw('interactions').findOne({ entryNumber: next.json.entries[0].entryNumber });
    assert.deepEqual([nextStored?.templateCode, nextStored?.cost], ['E-MAILS', 0]);

    // No e-mail template: entries carry none (and show none).
    await put({ emailTemplate: null });
    const none = await h.request('POST', '/api/v1/log-email', { token: 'salesperson', body: messageRef() });
    const noneNumber = none.json.entries[0].entryNumber as number;
    const noneStored = await h.raw('interactions').findOne({ entryNumber: noneNumber });
    assert.deepEqual([noneStored?.templateCode, noneStored?.cost, noneStored?.durationMin], [null, 0, 0]);
    const noneDetail = await h.request('GET', `/api/v1/interactions/${noneNumber}`, { token: 'salesperson' });
    assert.equal('template' in noneDetail.json, false);
  });
});
