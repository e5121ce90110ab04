import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness, type TokenKind } from './apiHarness.js';
import { createFixture, operationsOf, samples, type Fixture, type Operation } from './samples.js';

const REFUSED_TOKENS: (TokenKind | null)[] = [
  null,
  'expired',
  'wrongAudience',
  'wrongIssuer',
  'wrongTenant',
  'foreignKey',
];

describe('authorization matrix: every route x {no token, expired, wrong audience, wrong issuer, wrong tenant, foreign key, no role, salesperson, admin}', function () {
  this.timeout(120_000);
  const tdb = useTestDatabase('matrix');
  let h: ApiHarness;
  let fixture: Fixture;
  let operations: Operation[];
  before(async () => {
    h = await startApiHarness(tdb().conn);
    fixture = await createFixture(h);
    operations = await operationsOf(h);
  });
  after(() => h?.close());

  it('covers every documented operation with a sample request', () => {
    assert.ok(operations.length >= 30, `only ${operations.length} operations`);
    const missing = operations.filter((o) => !samples[o.name]).map((o) => o.name);
    assert.deepEqual(missing, []);
  });

  it('gives each caller the expected status on every route', async () => {
    const failures: string[] = [];
    const expect = (op: Operation, who: string, status: number, ok: boolean, text: string) => {
      if (ok) return;
      const lastError =
        status >= 500
          ? h.logs
              .filter((l) => l.includes('"level":50'))
              .pop()
              ?.slice(0, 600)
          : '';
      failures.push(`${op.method} ${op.template} as ${who}: ${status} ${text.slice(0, 200)} ${lastError}`);
    };
    for (const op of operations) {
      const call = async (token: TokenKind | null) => {
        const s = await samples[op.name]!(h, fixture);
        return h.request(op.method, `/api/v1${s.path}`, {
          ...(token ? { token } : {}),
          body: s.body,
          raw: s.raw,
          contentType: s.contentType,
        });
      };
      for (const token of REFUSED_TOKENS) {
        const r = await call(token);
        if (op.access === 'public')
          expect(op, String(token), r.status, r.status === op.successStatus, r.text);
        else
          expect(op, String(token), r.status, r.status === 401 && r.json?.code === 'unauthenticated', r.text);
      }
      const nobody = await call('nobody');
      const nobodyAllowed = op.access === 'public' || op.access === 'user';
      expect(
        op,
        'nobody',
        nobody.status,
        nobodyAllowed ? nobody.status === op.successStatus : nobody.status === 403,
        nobody.text,
      );
      const sp = await call('salesperson');
      const spAllowed = op.access !== 'admin';
      expect(
        op,
        'salesperson',
        sp.status,
        spAllowed ? isSuccess(sp.status, op) : sp.status === 403 && sp.json.code === 'forbidden',
        sp.text,
      );
      for (const admin of ['admin', 'adminByAppRole'] as TokenKind[]) {
        const r = await call(admin);
        expect(op, admin, r.status, isSuccess(r.status, op), r.text);
      }
    }
    assert.deepEqual(failures, []);
  });
});

/** The documented success status (PUT of a setup answers 201 the first time, 200 after). */
function isSuccess(status: number, op: Operation): boolean {
  return status === op.successStatus || (op.name === 'putLoggingSetup' && status === 201);
}
