// Spoofing (issue 12 acceptance): tokens signed by a real OIDC server on loopback (oauth2-mock-server, real
// JWKS), each claiming something a tenant, a guest or another client can set. Only tid+oid, the app role and
// verified addresses may make anyone an admin or a salesperson; ID tokens and role-only user tokens are refused.
import assert from 'node:assert/strict';
import { useTestDatabase } from '../../../support/db.js';
import {
  ADMIN_EMAIL,
  API_CLIENT_ID,
  APP_CLIENT_ID,
  OTHER_TENANT,
  SALESPERSON_EMAIL,
  TENANT,
  oidOf,
  startApiHarness,
  type ApiHarness,
} from '../../routes/apiHarness.js';

const MALLORY = 'mallory@contoso.example';
/** What a guest's token says about where it was authenticated: another tenant's issuer. */
const GUEST_IDP = `https://sts.windows.net/${OTHER_TENANT}/`;

describe('spoofing: identities come from tid+oid, the app role and verified addresses only', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('spoofing');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const me = async (claims: Record<string, unknown>) => {
    const r = await h.request('GET', '/api/v1/me', { token: await h.token('nobody', claims) });
    assert.equal(r.status, 200, r.text);
    return r.json as { roles: string[]; salespersonCode: string | null; email: string };
  };

  // Order matters in this block: the ADMIN_EMAILS bootstrap holds until the first app-role token is seen.
  it('before any app-role admin: ADMIN_EMAILS makes an admin only of the verified address', async () => {
    assert.deepEqual((await me({ preferred_username: ADMIN_EMAIL, oid: oidOf(ADMIN_EMAIL) })).roles, [
      'admin',
    ]);
    const spoofed = await me({ email: ADMIN_EMAIL, preferred_username: MALLORY, oid: oidOf(MALLORY) });
    assert.deepEqual([spoofed.roles, spoofed.email], [[], MALLORY], 'email claim alone, another oid');
    const guest = await me({ idp: GUEST_IDP, acct: 1, preferred_username: ADMIN_EMAIL, email: ADMIN_EMAIL });
    assert.deepEqual(guest.roles, [], "a guest's addresses are its home directory's word");
    const unverified = await me({ email: ADMIN_EMAIL, xms_edov: false, preferred_username: 'x' });
    assert.deepEqual(unverified.roles, []);
  });

  it('a token whose email equals the admin address but whose oid is another is not admin', async () => {
    assert.deepEqual((await h.request('GET', '/api/v1/me', { token: 'admin' })).json.roles, ['admin']);
    const spoofed = await me({ email: ADMIN_EMAIL, oid: oidOf(MALLORY), preferred_username: MALLORY });
    assert.deepEqual(spoofed.roles, []);
    const admins = await h.request('GET', '/api/v1/logging/setups', {
      token: await h.token('nobody', { email: ADMIN_EMAIL, oid: oidOf(MALLORY) }),
    });
    assert.equal(admins.status, 403, 'and cannot reach an admin route');
  });

  it('once an app-role admin was seen, ADMIN_EMAILS no longer makes anyone admin, verified or not', async () => {
    const bootstrap = await h.request('GET', '/api/v1/me', { token: 'bootstrapAdmin' });
    assert.deepEqual(bootstrap.json.roles, []);
    const other = await me({ preferred_username: ADMIN_EMAIL, oid: oidOf('second-device') });
    assert.deepEqual(other.roles, []);
  });

  it('a guest token with an unverified email does not become the salesperson', async () => {
    const guest = await me({
      idp: GUEST_IDP,
      acct: 1,
      email: SALESPERSON_EMAIL,
      preferred_username: SALESPERSON_EMAIL,
      oid: oidOf('guest-account'),
    });
    assert.deepEqual([guest.roles, guest.salespersonCode], [[], null]);
    const r = await h.request('GET', '/api/v1/contacts/CT000001', {
      token: await h.token('nobody', { idp: GUEST_IDP, email: SALESPERSON_EMAIL }),
    });
    assert.equal(r.status, 403, 'no staff route either');
    const member = await me({ email: SALESPERSON_EMAIL, preferred_username: MALLORY, oid: oidOf(MALLORY) });
    assert.equal(member.salespersonCode, null, "a member's email without xms_edov proves nothing");
    const edov = await me({
      email: SALESPERSON_EMAIL,
      xms_edov: true,
      oid: oidOf('edov'),
      upn: 'u@x.example',
    });
    assert.equal(edov.salespersonCode, 'PH', 'xms_edov: Entra vouches for the email');
  });

  it('a salesperson bound to an oid is theirs: another oid with the same verified address is not', async () => {
    const ph = oidOf(SALESPERSON_EMAIL);
    const bind = await h.request('PATCH', '/api/v1/salespeople/PH', {
      token: 'admin',
      body: { entra: { tenantId: TENANT, objectId: ph } },
    });
    assert.equal(bind.status, 200, bind.text);
    const other = await me({ preferred_username: SALESPERSON_EMAIL, oid: oidOf('impostor') });
    assert.deepEqual([other.roles, other.salespersonCode], [[], null]);
    const renamed = await me({ preferred_username: 'peter.h@contoso.example', oid: ph });
    assert.deepEqual([renamed.salespersonCode, renamed.email], ['PH', 'peter.h@contoso.example']);
  });

  describe('tokens that are not access tokens for this API from a client it serves', () => {
    const refusals: [string, () => Promise<string>, number, string][] = [
      ['an ID token (aud our client id, nonce, no scp/azp)', () => h.token('idToken'), 401, 'not an access'],
      ['an ID token without a nonce', () => h.token('idToken', { nonce: undefined }), 401, 'not an access'],
      ['a role-only user token (app role, no scp)', () => h.token('roleOnly'), 403, 'user token without scp'],
      ['a user token without scp', () => h.token('noScope'), 403, 'user token without scp'],
      ['a user token from another client', () => h.token('salesperson', { azp: 'f00' }), 401, 'client f00'],
      ['an app token not allow-listed', () => h.token('app', { azp: API_CLIENT_ID }), 401, 'not allowed'],
      ['an app token without roles', () => h.token('app', { roles: [] }), 403, 'without roles'],
      [
        'an app token with a scope',
        () => h.token('app', { scp: 'access_as_user' }),
        401,
        'app token with scp',
      ],
      ['a token of another tenant', () => h.token('wrongTenant'), 401, 'tenant not allowed'],
    ];
    for (const [what, make, status, reason] of refusals) {
      it(`refuses ${what}: ${status}`, async () => {
        const before = h.logs.length;
        const r = await h.request('GET', '/api/v1/me', { token: await make() });
        assert.equal(r.status, status, r.text);
        assert.equal(r.json.code, status === 401 ? 'unauthenticated' : 'forbidden');
        const refusal = h.logs
          .slice(before)
          .map((l) => JSON.parse(l))
          .find((l) => l.msg === 'token refused');
        assert.match(refusal?.reason ?? '', new RegExp(reason));
      });
    }

    it('accepts an allow-listed app token as the admin its app role makes it, never as a person', async () => {
      const r = await h.request('GET', '/api/v1/me', { token: 'app' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.roles, r.json.salespersonCode, r.json.email], [['admin'], null, '']);
      assert.equal(APP_CLIENT_ID.length, 36);
    });
  });
});
