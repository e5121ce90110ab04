import assert from 'node:assert/strict';
import { createDevIssuer, nameFromAddress } from '../../../server/http/auth/devIssuer.js';
import { AuthFailure } from '../../../server/http/auth/identity.js';
import { testDatabaseUri, useTestDatabase } from '../../support/db.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';

describe('development issuer (AUTH_MODE=dev)', function () {
  this.timeout(90_000);

  it('verifies its own tokens only, with expiry, and gives each address a stable user id', async () => {
    let now = Date.parse('2025-03-03T10:00:00Z');
    const issuer = await createDevIssuer({
      issuer: 'https://localhost:3000/api/v1/dev',
      scope: 'access_as_user',
      now: () => now,
    });
    const other = await createDevIssuer({
      issuer: 'https://localhost:3000/api/v1/dev',
      scope: 'access_as_user',
      now: () => now,
    });
    const { access_token, expires_in } = await issuer.issue('Jane.Doe@Fabrikam.example');
    const id = await issuer.verify(access_token);
    assert.deepEqual(
      [id.verifiedEmail, id.displayName, expires_in],
      ['jane.doe@fabrikam.example', 'Jane Doe', 3600],
    );
    assert.equal(
      (await issuer.verify((await issuer.issue('jane.doe@fabrikam.example')).access_token)).userId,
      id.userId,
    );
    await assert.rejects(
      other.verify(access_token),
      AuthFailure,
      'another instance (another key) is refused',
    );
    now += 3601_000;
    await assert.rejects(issuer.verify(access_token), AuthFailure, 'expired');
    assert.deepEqual(
      issuer.jwks().keys.map((k) => [k.kty, k.alg, 'd' in k]),
      [['EC', 'ES256', false]],
    );
    assert.equal(nameFromAddress('anna-marie.o_neil@x.example'), 'Anna Marie O Neil');
  });

  describe('the server process in development mode', () => {
    const tdb = useTestDatabase('devmode');
    let server: ServerProcess;
    before(async () => {
      server = await startServer({
        MONGODB_URI: testDatabaseUri(tdb().name),
        ADMIN_EMAILS: 'boss@contoso.example',
        INTERNAL_DOMAINS: 'contoso.example,Fabrikam.example',
      });
    });
    after(() => server?.stop());

    it('signs in through /dev/token and answers /me; the JWKS and the OpenAPI document are public', async () => {
      const get = async (path: string, init?: RequestInit) =>
        (await fetch(`${server.url}${path}`, init)).json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
      // The internal domains too: the pane's first lookup needs them, and must not wait for /me (issue 15).
      const config = await get('/api/v1/config');
      assert.deepEqual(config, { authMode: 'dev', internalDomains: ['contoso.example', 'fabrikam.example'] });
      const token = await get('/api/v1/dev/token?email=boss@contoso.example');
      assert.equal(token.expires_in, 3600);
      const me = await fetch(`${server.url}/api/v1/me`, {
        headers: { authorization: `Bearer ${token.access_token}` },
      });
      assert.equal(me.status, 200);
      const user = (await me.json()) as { roles: string[]; internalDomains: string[] };
      assert.deepEqual(user.roles, ['admin']);
      assert.deepEqual(user.internalDomains, config.internalDomains);
      const forged = `${token.access_token.slice(0, -4)}AAAA`;
      assert.equal(
        (await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${forged}` } })).status,
        401,
      );
      assert.equal((await get('/api/v1/dev/jwks')).keys.length, 1);
      assert.equal((await get('/api/v1/openapi.json')).openapi, '3.1.0');
      const bad = await fetch(`${server.url}/api/v1/dev/token?email=not-an-address`);
      assert.equal(bad.status, 400);
    });
  });
});
