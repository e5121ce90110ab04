// Changes under the visibility model (issue 12, point 2): entries marked private by their salesperson, and in
// the `owner` model who may change someone else's entries, opportunities and contacts (403 not_owner); the
// deployment settings themselves (defaults, validation, admins only).
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { freshEntry } from './samples.js';

describe('visibility: private entries, ownership of changes, deployment settings', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('ownership');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const settings = (body: object) => h.request('PUT', '/api/v1/settings', { token: 'admin', body });

  it('serves the defaults until an admin saves, validates, and refuses salespeople', async () => {
    const first = await h.request('GET', '/api/v1/settings', { token: 'admin' });
    assert.deepEqual(first.json, {
      visibility: 'team',
      sensitiveMail: 'metadata',
      interactionTemplates: [],
      emailTemplate: null,
      updatedAt: null,
      updatedBy: null,
    });
    const bad = await settings({ visibility: 'everyone' });
    assert.deepEqual(
      [bad.status, bad.json.code, bad.json.errors[0].path],
      [400, 'validation_failed', 'body.visibility'],
    );
    const ok = await settings({ sensitiveMail: 'skip' });
    assert.deepEqual([ok.status, ok.json.visibility, ok.json.sensitiveMail], [200, 'team', 'skip']);
    assert.equal(ok.json.updatedBy, 'annette.admin@contoso.example');
    const sp = await h.request('PUT', '/api/v1/settings', {
      token: 'salesperson',
      body: { visibility: 'team' },
    });
    assert.equal(sp.status, 403);
    await settings({ sensitiveMail: 'metadata' });
  });

  it('an entry marked private by its salesperson is metadata to everyone else, in the team model too', async () => {
    const entryNumber = await freshEntry(h); // PH's mail to Anna Jensen (CT000001, PH's contact)
    const byB = await h.request('POST', `/api/v1/interactions/${entryNumber}/private`, {
      token: 'salespersonB',
      body: { private: true },
    });
    assert.deepEqual([byB.status, byB.json.code], [403, 'not_owner']);
    const mark = await h.request('POST', `/api/v1/interactions/${entryNumber}/private`, {
      token: 'salesperson',
      body: { private: true },
    });
    assert.deepEqual([mark.status, mark.json.private, mark.json.visibility], [200, true, 'full']);
    const seenByB = await h.request('GET', `/api/v1/interactions/${entryNumber}`, { token: 'salespersonB' });
    assert.deepEqual(
      [seenByB.json.visibility, seenByB.json.subject, seenByB.json.message],
      ['metadata', '', null],
    );
    const seenByAdmin = await h.request('GET', `/api/v1/interactions/${entryNumber}`, { token: 'admin' });
    assert.equal(seenByAdmin.json.subject, 'Quote for pumps');
    const cancelByB = await h.request('POST', `/api/v1/interactions/${entryNumber}/cancel`, {
      token: 'salespersonB',
    });
    assert.deepEqual([cancelByB.status, cancelByB.json.code], [403, 'not_owner']);
    await h.request('POST', `/api/v1/interactions/${entryNumber}/private`, {
      token: 'salesperson',
      body: { private: false },
    });
    const again = await h.request('GET', `/api/v1/interactions/${entryNumber}`, { token: 'salespersonB' });
    assert.equal(again.json.subject, 'Quote for pumps');
  });

  it('owner model: B changes only what is B’s; unowned contacts stay editable but cannot be claimed', async () => {
    await settings({ visibility: 'owner' });
    try {
      const opp = await h.request('POST', '/api/v1/opportunities', {
        token: 'salesperson',
        body: { contactNumber: 'CT000001', description: 'Pumps for the plant', estimatedValue: 900 },
      });
      assert.equal(opp.status, 201, opp.text);
      const seen = await h.request('GET', `/api/v1/opportunities/${opp.json.number}`, {
        token: 'salespersonB',
      });
      assert.deepEqual(
        [seen.json.visibility, seen.json.description, seen.json.estimatedValue],
        ['metadata', '', null],
      );
      const edit = await h.request('PATCH', `/api/v1/opportunities/${opp.json.number}`, {
        token: 'salespersonB',
        body: { status: 'lost' },
      });
      assert.deepEqual([edit.status, edit.json.code], [403, 'not_owner']);
      const contact = await h.request('PATCH', '/api/v1/contacts/CT000001', {
        token: 'salespersonB',
        body: { phone: '+45 1' },
      });
      assert.deepEqual([contact.status, contact.json.code], [403, 'not_owner']);
      const own = await h.request('PATCH', '/api/v1/contacts/CT000002', {
        token: 'salespersonB',
        body: { phone: '+45 2' },
      });
      assert.equal(own.status, 200, own.text);

      const created = await h.request('POST', '/api/v1/contacts', {
        token: 'admin',
        body: { name: 'Nobody’s', kind: 'company', email: 'info@unowned.example' },
      });
      assert.equal(created.json.salesperson, null, created.text);
      const phone = await h.request('PATCH', `/api/v1/contacts/${created.json.number}`, {
        token: 'salespersonB',
        body: { phone: '+45 3' },
      });
      assert.equal(phone.status, 200, phone.text);
      const claim = await h.request('PATCH', `/api/v1/contacts/${created.json.number}`, {
        token: 'salespersonB',
        body: { salespersonCode: 'MN' },
      });
      assert.deepEqual([claim.status, claim.json.code], [403, 'not_owner']);
    } finally {
      await settings({ visibility: 'team' });
    }
  });
});
