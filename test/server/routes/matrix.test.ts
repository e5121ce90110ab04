// The authorization matrix (issue 12 acceptance): every route of server/routes x every kind of caller, against
// a status WRITTEN HERE BY HAND — never read from the route specs or the OpenAPI document, so a route that
// declares the wrong `access` (or loses its check) fails this test. A route missing from the table fails too.
// Callers: real tokens from the loopback OIDC server (apiHarness.ts). A and B are salespeople; A (PH) is the
// salesperson of the fixture's entry, B (MN) has nothing to do with it, the owner (OW) owns its contact.
import assert from 'node:assert/strict';
import { allRouteSpecs } from '../../../server/routes/index.js';
import type { DevIssuer } from '../../../server/http/auth/devIssuer.js';
import { useTestDatabase } from '../../support/db.js';
import { oidOf, startApiHarness, type ApiHarness } from './apiHarness.js';
import { createFixture, samples, type Fixture } from './samples.js';

const CALLERS = [
  'anonymous',
  'noRole',
  'salespersonA',
  'salespersonB',
  'owner',
  'admin',
  'otherTenant',
  'idToken',
  'noScp',
  'app',
] as const;
type Row = [number, number, number, number, number, number, number, number, number, number];

// Who may call what, by intent: public (anyone, tokens ignored), user (any valid user token), staff
// (salesperson or admin), admin. Refusals: 401 without a valid access token for this API (none, another
// tenant's, an ID token), 403 with a valid token that lacks the scope (noScp) or the role.
const pub = (s: number): Row => [s, s, s, s, s, s, s, s, s, s];
const user = (s: number): Row => [401, s, s, s, s, s, 401, 401, 403, s];
const staff = (s: number): Row => [401, 403, s, s, s, s, 401, 401, 403, s];
const admin = (s: number): Row => [401, 403, 403, 403, 403, s, 401, 401, 403, s];
/** Routes only the development issuer mounts: absent with Entra ID. */
const absent: Row = pub(404);

const TABLE: Record<string, Row> = {
  'GET /config': pub(200),
  'GET /openapi.json': pub(200),
  'GET /dev/token': absent,
  'GET /dev/accounts': absent,
  'GET /dev/jwks': absent,
  'GET /me': user(200),
  'POST /pane-start-failures': pub(204),
  'GET /pane-start-failures': admin(200),
  'POST /lookup': staff(200),
  // Staff, and only a participant of the message (the sample is PH's mail to a contact) or an admin.
  'POST /log-email': [401, 403, 200, 403, 403, 200, 401, 401, 403, 200],
  'GET /logging/manual-confirmations': admin(200),
  'GET /logging/link-check': admin(200),
  'GET /directory/check': admin(200),
  'GET /contacts/:number/interactions': staff(200),
  'GET /interactions/:entryNumber': staff(200),
  'POST /interactions/:entryNumber/link-opportunity': staff(200),
  'POST /interactions/:entryNumber/cancel': staff(200),
  'POST /interactions/:entryNumber/uncancel': staff(200),
  // Marking an entry private is its salesperson's (A) or an admin's decision, not the contact owner's.
  'POST /interactions/:entryNumber/private': [401, 403, 200, 403, 403, 200, 401, 401, 403, 200],
  // Reading the logged mail: whoever sees the entry in full (team model: every salesperson). The fixture's entry
  // was logged by hand, so its mail is in no logging mailbox: past the gate, the answer is 404 mail_not_linked.
  'GET /interactions/:entryNumber/mail': staff(404),
  'GET /interactions/:entryNumber/mail/attachments/:attachmentId': staff(404),
  'GET /interactions': admin(200),
  'POST /opportunities': staff(201),
  'GET /opportunities': staff(200),
  'GET /opportunities/:number': staff(200),
  'PATCH /opportunities/:number': staff(200),
  'GET /contacts': staff(200),
  'GET /contacts/:number': staff(200),
  'POST /contacts': staff(201),
  'PATCH /contacts/:number': staff(200),
  'GET /contacts/export': admin(200),
  'POST /contacts/import': admin(200),
  'GET /salespeople': staff(200),
  'POST /salespeople': admin(201),
  'PATCH /salespeople/:code': admin(200),
  'POST /salespeople/:code/confirm-sign-in': admin(200),
  'GET /salespeople/export': admin(200),
  'POST /salespeople/import': admin(200),
  'GET /logging/setups': admin(200),
  'GET /logging/setups/:mailbox': admin(200),
  'PUT /logging/setups/:mailbox': admin(200),
  'POST /logging/setups/:mailbox/validate': admin(200),
  'POST /logging/setup-checks': admin(200),
  'POST /logging/setups/:mailbox/run': admin(202),
  'GET /logging/setups/:mailbox/runs': admin(200),
  'GET /logging/setups/:mailbox/quarantine': admin(200),
  'POST /logging/setups/:mailbox/quarantine/release': admin(200),
  'GET /logging/setups/:mailbox/trend': admin(200),
  'GET /logging/status': admin(200),
  'POST /logging/setups/:mailbox/consent': admin(200),
  // Entra ID's redirect: no token, bound to its state and the admin's browser cookie instead.
  'GET /logging/consent/callback': pub(303),
  'GET /settings': admin(200),
  'PUT /settings': admin(200),
  // Data-subject rights and the audit log: admins only, whoever owns the contact.
  'GET /audit': admin(200),
  'GET /contacts/:number/data': admin(200),
  'DELETE /contacts/:number': admin(200),
  'GET /retention': admin(200),
  'PUT /retention': admin(200),
};

const OWNER_EMAIL = 'olga.owner@contoso.example';

describe('authorization matrix: every route x {anonymous, no role, salesperson A, B, contact owner, admin, other tenant, ID token, no scp, app} against a hard-coded table', function () {
  this.timeout(180_000);
  const tdb = useTestDatabase('matrix');
  let h: ApiHarness;
  let fixture: Fixture;
  const tokens = new Map<string, string | null>();
  before(async () => {
    h = await startApiHarness(tdb().conn);
    fixture = await createFixture(h);
    const owner = await h.request('POST', '/api/v1/salespeople', {
      token: 'admin',
      body: { code: 'OW', name: 'Olga Owner', email: OWNER_EMAIL },
    });
    const owns = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'admin',
      body: { salespersonCode: 'OW' },
    });
    assert.deepEqual([owner.status, owns.status], [201, 200], owner.text + owns.text);
    tokens.set('anonymous', null);
    tokens.set('noRole', await h.token('nobody'));
    tokens.set('salespersonA', await h.token('salesperson'));
    tokens.set('salespersonB', await h.token('salespersonB'));
    tokens.set(
      'owner',
      await h.token('nobody', { preferred_username: OWNER_EMAIL, oid: oidOf(OWNER_EMAIL) }),
    );
    tokens.set('admin', await h.token('admin'));
    tokens.set('otherTenant', await h.token('wrongTenant'));
    tokens.set('idToken', await h.token('idToken'));
    tokens.set('noScp', await h.token('noScope'));
    tokens.set('app', await h.token('app'));
  });
  after(() => h?.close());

  /** Every route server/routes builds, the development routes included (as if AUTH_MODE=dev). */
  function everyRoute(): { key: string; name: string }[] {
    const dev = { issuer: 'x', jwks: () => ({ keys: [] }) } as unknown as DevIssuer;
    const specs = allRouteSpecs(
      h.services,
      { clientConfig: { authMode: 'dev' }, internalDomains: [], devIssuer: dev },
      'https://localhost:3000',
    );
    const routes = specs.map((s) => ({ key: `${s.method.toUpperCase()} ${s.path}`, name: s.name }));
    return [...routes, { key: 'GET /openapi.json', name: 'openapi' }];
  }

  it('has a row for every route and no row for a route that does not exist', () => {
    const keys = everyRoute().map((r) => r.key);
    assert.deepEqual(
      keys.filter((k) => !TABLE[k]),
      [],
      'routes missing from the table',
    );
    assert.deepEqual(
      Object.keys(TABLE).filter((k) => !keys.includes(k)),
      [],
      'rows of routes that do not exist',
    );
    assert.equal(new Set(keys).size, keys.length, 'a route twice');
  });

  it('answers each caller with the status of the table, and every refusal is problem+json', async () => {
    const failures: string[] = [];
    for (const route of everyRoute()) {
      const expected = TABLE[route.key];
      const sample = samples[route.name];
      if (!expected) continue; // reported by the test above
      if (!sample) {
        if (expected !== absent)
          failures.push(`${route.key}: no sample request (test/server/routes/samples.ts)`);
        continue;
      }
      for (const [i, who] of CALLERS.entries()) {
        const s = await sample(h, fixture);
        const path = expected === absent ? route.key.split(' ')[1]! : s.path;
        const token = tokens.get(who);
        const r = await h.request(route.key.split(' ')[0]!, `/api/v1${path}`, {
          ...(token ? { token } : {}),
          body: s.body,
          raw: s.raw,
          contentType: s.contentType,
        });
        let ok = r.status === expected[i];
        if (ok && r.status >= 400) {
          ok = /application\/problem\+json/.test(r.headers.get('content-type') ?? '');
          if (r.status === 401) ok &&= r.json?.code === 'unauthenticated';
          if (r.status === 403) ok &&= ['forbidden', 'not_owner', 'not_a_participant'].includes(r.json?.code);
        }
        if (!ok)
          failures.push(
            `${route.key} as ${who}: ${r.status}, expected ${expected[i]} ${r.text.slice(0, 160)}`,
          );
      }
    }
    assert.deepEqual(failures, []);
  });
});
