// The development sign-in says whom one can be: the bootstrap admins and the active salespeople with an
// address, each with the roles it gets. Mounted only with the development issuer (the matrix test: 404 else).
import assert from 'node:assert/strict';
import type { DevIssuer } from '../../../../server/http/auth/devIssuer.js';
import { sessionRoutes } from '../../../../server/routes/session/routes.js';
import { DevAccounts } from '../../../../shared/api/config.js';
import { useTestDatabase } from '../../../support/db.js';
import { ADMIN_EMAIL, SALESPERSON_EMAIL, startApiHarness, type ApiHarness } from '../apiHarness.js';

describe('GET /dev/accounts (development sign-in)', () => {
  const tdb = useTestDatabase('devaccounts');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const accounts = async (adminEmails: string[]) => {
    const dev = { issuer: 'x', jwks: () => ({ keys: [] }) } as unknown as DevIssuer;
    const spec = sessionRoutes(h.services, {
      clientConfig: { authMode: 'dev' },
      internalDomains: [],
      devIssuer: dev,
      adminEmails,
    }).find((r) => r.name === 'devAccounts')!;
    const answer = (await spec.handle({} as never)) as { body: DevAccounts };
    return DevAccounts.parse(answer.body).accounts;
  };

  it('lists the admins first, then the active salespeople with their codes; one who is both, once', async () => {
    const list = await accounts([ADMIN_EMAIL, SALESPERSON_EMAIL]);
    assert.deepEqual(list[0], { email: ADMIN_EMAIL, name: '', roles: ['admin'], salespersonCode: null });
    const both = list.filter((a) => a.email.toLowerCase() === SALESPERSON_EMAIL);
    assert.equal(both.length, 1);
    assert.deepEqual([both[0]!.roles, both[0]!.salespersonCode], [['admin', 'salesperson'], 'PH']);
    assert.ok(both[0]!.name.length > 0, "the salesperson's name");
    const salespeople = await h
      .raw('salespeople')
      .find({ active: true, email: { $ne: null } })
      .toArray();
    assert.equal(
      list.filter((a) => a.roles.includes('salesperson')).length,
      Math.min(salespeople.length, 11),
    );
  });

  it('leaves out inactive salespeople', async () => {
    await h.services.salespeople.create({
      code: 'ZZ',
      name: 'Zed Former',
      email: 'zed@contoso.example',
      active: false,
    });
    const list = await accounts([]);
    assert.ok(!list.some((a) => a.salespersonCode === 'ZZ'));
    assert.ok(list.length > 0 && list.every((a) => a.roles.includes('salesperson')));
  });
});
