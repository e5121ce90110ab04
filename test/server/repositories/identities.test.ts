// A salesperson's pending sign-in is written once per user: signing in again writes nothing (a request must
// never change the database for nothing, refused requests least of all), another user replaces it, and a
// binding an admin made is never replaced.
import assert from 'node:assert/strict';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { IdentityRepository } from '../../../server/repositories/identities.js';
import { useTestDatabase } from '../../support/db.js';

describe('IdentityRepository: pending sign-ins', () => {
  const tdb = useTestDatabase('identities');
  let db: Database;
  let repo: IdentityRepository;
  before(async () => {
    db = await wrapConnection(tdb().conn);
    repo = new IdentityRepository(db.models);
    await db.conn.db!.collection('salespeople').insertMany([
      {
        code: 'MN',
        name: 'Maria',
        email: 'mn@contoso.example',
        active: true,
        entraObjectId: null,
      } as never,
      {
        code: 'PH',
        name: 'Peter',
        email: 'ph@contoso.example',
        active: true,
        entraObjectId: 'bound',
      } as never,
    ]);
  });

  const signIn = (objectId: string, at: string) => ({
    tenantId: 't1',
    objectId,
    displayName: 'Maria',
    address: 'mn@contoso.example',
    seenAt: new Date(at),
  });
  const pendingOf = async (code: string) =>
    (await db.conn.db!.collection('salespeople').findOne({ code }))?.pendingSignIn;

  it('keeps the first sign-in of a user, replaces it with another user, never touches a bound one', async () => {
    await repo.notePendingSignIn('MN', signIn('oid-a', '2026-12-01T10:00:00Z'));
    await repo.notePendingSignIn('MN', signIn('oid-a', '2026-12-01T11:00:00Z'));
    assert.equal((await pendingOf('MN')).seenAt.toISOString(), '2026-12-01T10:00:00.000Z');
    await repo.notePendingSignIn('MN', signIn('oid-b', '2026-12-01T12:00:00Z'));
    assert.deepEqual(
      [(await pendingOf('MN')).objectId, (await pendingOf('MN')).seenAt.toISOString()],
      ['oid-b', '2026-12-01T12:00:00.000Z'],
    );
    await repo.notePendingSignIn('PH', signIn('oid-c', '2026-12-01T12:00:00Z'));
    assert.equal(await pendingOf('PH'), undefined);
  });
});
