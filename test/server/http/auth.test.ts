import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import {
  ADMIN_EMAIL,
  SALESPERSON_EMAIL,
  startApiHarness,
  type ApiHarness,
  type TokenKind,
} from '../routes/apiHarness.js';

describe('API authentication: Entra ID tokens verified against a real OIDC server on loopback', function () {
  this.timeout(30_000);
  const tdb = useTestDatabase('auth');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  it('GET /me names the user and derives roles: admin by app role, salesperson by verified address', async () => {
    const admin = await h.request('GET', '/api/v1/me', { token: 'admin' });
    assert.equal(admin.status, 200, admin.text);
    assert.deepEqual(admin.json.roles, ['admin']);
    assert.equal(admin.json.email, ADMIN_EMAIL);
    const sp = await h.request('GET', '/api/v1/me', { token: 'salesperson' });
    assert.deepEqual(
      [sp.json.roles, sp.json.salespersonCode, sp.json.email],
      [['salesperson'], 'PH', SALESPERSON_EMAIL],
    );
    const byRole = await h.request('GET', '/api/v1/me', { token: 'adminByAppRole' });
    assert.deepEqual(byRole.json.roles, ['admin']);
    const nobody = await h.request('GET', '/api/v1/me', { token: 'nobody' });
    assert.deepEqual(nobody.json.roles, []);
  });

  const reasons: [TokenKind, string][] = [
    ['expired', 'ERR_JWT_EXPIRED:exp'],
    ['wrongAudience', 'ERR_JWT_CLAIM_VALIDATION_FAILED:aud'],
    ['wrongIssuer', 'ERR_JWT_CLAIM_VALIDATION_FAILED:iss'],
    ['wrongTenant', 'tenant not allowed'],
    ['foreignKey', 'ERR_JWKS_NO_MATCHING_KEY'],
  ];
  for (const [kind, reason] of reasons) {
    it(`refuses a token with ${kind} as 401 unauthenticated with a Bearer challenge (${reason})`, async () => {
      const before = h.logs.length;
      const r = await h.request('GET', '/api/v1/me', { token: kind });
      const refusal = h.logs
        .slice(before)
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === 'token refused');
      assert.equal(refusal?.reason, reason);
      assert.equal(r.status, 401, r.text);
      assert.equal(r.json.code, 'unauthenticated');
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.match(
        r.headers.get('www-authenticate') ?? '',
        /^Bearer realm="interlog", error="invalid_token"/,
      );
    });
  }

  it('refuses a missing or malformed Authorization header, and a token without the API scope or an app role', async () => {
    const none = await h.request('GET', '/api/v1/me');
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="interlog"');
    for (const header of ['Basic abc', 'Bearer', 'Bearer not.a.jwt', `Bearer ${'x'.repeat(9000)}`]) {
      const r = await h.request('GET', '/api/v1/me', { headers: { authorization: header } });
      assert.equal(r.status, 401, header.slice(0, 20));
    }
    const noScope = await h.request('GET', '/api/v1/me', { token: 'noScope' });
    assert.equal(noScope.status, 403);
    assert.equal(noScope.json.code, 'forbidden');
  });

  it('accepts the api:// form of the audience', async () => {
    const token = await h.token('salesperson', { aud: 'api://3c9a7e21-6b4d-4f0a-8e2c-91d7b5a3f604' });
    const r = await h.request('GET', '/api/v1/me', { token });
    assert.equal(r.status, 200, r.text);
  });

  it('GET /config needs no token and tells the add-in how to sign in', async () => {
    const r = await h.request('GET', '/api/v1/config');
    assert.equal(r.status, 200);
    assert.equal(r.json.authMode, 'entra');
    assert.equal(r.json.apiScope, 'api://3c9a7e21-6b4d-4f0a-8e2c-91d7b5a3f604/access_as_user');
    assert.equal((await h.request('GET', '/api/v1/dev/token?email=a@b.example')).status, 404);
  });
});

describe('API authentication when the identity provider cannot be reached', function () {
  this.timeout(30_000);
  it('answers 503 auth_unavailable (not 401: the token may be fine)', async () => {
    const { createEntraVerifier } = await import('../../../server/http/auth/entraVerifier.js');
    const { SignJWT, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const tid = '7f1d5a9e-2c3b-4e8f-9a61-0b2c4d6e8f10';
    const verifier = createEntraVerifier({
      authorityHost: 'https://127.0.0.1:9',
      tenantIds: [tid],
      audience: 'api',
      scope: 's',
      userClients: ['api'],
      appClients: [],
    });
    const token = await new SignJWT({ tid, oid: 'o', scp: 's', azp: 'api' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer(`https://127.0.0.1:9/${tid}/v2.0`)
      .setAudience('api')
      .setExpirationTime('5m')
      .sign(privateKey);
    await assert.rejects(verifier.verify(token), (err: { kind?: string }) => err.kind === 'unavailable');
  });
});
