// Binding salespeople to their Entra ID user (issue 12, identity): a verified sign-in whose address matches an
// unbound salesperson is recorded as pending and confirmed by an admin; ids can also be set by PATCH and CSV.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { TENANT, oidOf, startApiHarness, type ApiHarness } from './apiHarness.js';

const MN = 'maria.nielsen@contoso.example';

describe('salespeople: binding to an Entra ID user (pending sign-in, confirm, PATCH, CSV)', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('salespeople');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const mn = async () =>
    (await h.request('GET', '/api/v1/salespeople?search=MN', { token: 'admin' })).json.items[0];
  const me = async (claims: Record<string, unknown>) =>
    (await h.request('GET', '/api/v1/me', { token: await h.token('nobody', claims) })).json;

  it('records a verified sign-in of an unbound salesperson as pending; the admin confirms it, which binds it', async () => {
    assert.deepEqual([(await mn()).entra, (await mn()).pendingSignIn], [null, null]);
    const first = await me({ preferred_username: MN, oid: oidOf(MN), name: 'Maria N' });
    assert.equal(first.salespersonCode, 'MN', 'until bound, a verified address is enough');
    const pending = (await mn()).pendingSignIn;
    assert.deepEqual(
      { ...pending, seenAt: typeof pending.seenAt },
      { tenantId: TENANT, objectId: oidOf(MN), displayName: 'Maria N', address: MN, seenAt: 'string' },
    );
    // A guest's sign-in is no verified address: nothing pending from it.
    await me({ preferred_username: MN, idp: 'https://sts.windows.net/x/', oid: oidOf('guest') });
    assert.equal((await mn()).pendingSignIn.objectId, oidOf(MN));

    const stale = await h.request('POST', '/api/v1/salespeople/MN/confirm-sign-in', {
      token: 'admin',
      body: { objectId: oidOf('someone else') },
    });
    assert.deepEqual([stale.status, stale.json.code], [409, 'sign_in_changed']);
    const ok = await h.request('POST', '/api/v1/salespeople/MN/confirm-sign-in', {
      token: 'admin',
      body: { objectId: oidOf(MN) },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(
      [ok.json.entra, ok.json.pendingSignIn],
      [{ tenantId: TENANT, objectId: oidOf(MN) }, null],
    );
    const other = await me({ preferred_username: MN, oid: oidOf('new laptop account') });
    assert.equal(other.salespersonCode, null, 'bound: another user with the address is not MN');
    assert.equal((await mn()).pendingSignIn, null, 'and no pending sign-in replaces the binding');
  });

  it('refuses to bind one Entra ID user to two salespeople (PATCH, CSV)', async () => {
    const taken = await h.request('PATCH', '/api/v1/salespeople/PH', {
      token: 'admin',
      body: { entra: { tenantId: TENANT, objectId: oidOf(MN) } },
    });
    assert.deepEqual([taken.status, taken.json.code], [409, 'entra_bound_elsewhere']);
    const csv = `code,name,entraTenantId,entraObjectId\nPH,Peter Hansen,${TENANT},${oidOf(MN)}\n`;
    const imported = await h.request('POST', '/api/v1/salespeople/import', {
      token: 'admin',
      raw: csv,
      contentType: 'text/csv',
    });
    assert.equal(imported.status, 422, imported.text);
    assert.deepEqual(imported.json.errors, [{ path: '2.entraObjectId', message: 'Already salesperson MN' }]);
  });

  it('exports the binding and imports it back; a file without the columns leaves bindings alone', async () => {
    const exported = await h.request('GET', '/api/v1/salespeople/export', { token: 'admin' });
    assert.match(exported.text, /^code,name,email,active,entraTenantId,entraObjectId\r?\n/);
    assert.match(exported.text, new RegExp(`MN,Maria Nielsen,${MN},true,${TENANT},${oidOf(MN)}`));
    const plain = await h.request('POST', '/api/v1/salespeople/import', {
      token: 'admin',
      raw: 'code,name\nMN,Maria Nielsen\n',
      contentType: 'text/csv',
    });
    assert.equal(plain.status, 200, plain.text);
    assert.deepEqual((await mn()).entra, { tenantId: TENANT, objectId: oidOf(MN) });
    const unbind = await h.request('POST', '/api/v1/salespeople/import', {
      token: 'admin',
      raw: 'code,name,entraTenantId,entraObjectId\nMN,Maria Nielsen,,\n',
      contentType: 'text/csv',
    });
    assert.equal(unbind.status, 200, unbind.text);
    assert.equal((await mn()).entra, null);
    const half = await h.request('POST', '/api/v1/salespeople/import', {
      token: 'admin',
      raw: `code,name,entraTenantId,entraObjectId\nMN,Maria Nielsen,${TENANT},\n`,
      contentType: 'text/csv',
    });
    assert.deepEqual(half.json.errors, [
      { path: '2.entraObjectId', message: 'Give both Entra ids or neither' },
    ]);
  });
});
