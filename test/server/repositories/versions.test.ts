// The versions every cache of the lookup is checked against (repositories/versions.ts): one read for all kinds,
// shared by readers only when it started at most VERSIONS_SHARED_MS before they asked and after this process's
// last change, so no reader gets a version from before its own process's change, or from before another's that
// had ended more than the bound before it asked.
import assert from 'node:assert/strict';
import mongoose, { type Connection } from 'mongoose';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { Versions, VERSIONS_SHARED_MS } from '../../../server/repositories/versions.js';
import { pastVersionsBound } from '../../support/versions.js';
import { openWatchedConnection, useTestDatabase } from '../../support/db.js';

describe('versions: one shared read, never from before a reader asked', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('versions');
  let conn: Connection;
  let db: Database;
  let finds = 0;

  before(async () => {
    ({ conn, db } = await openWatchedConnection(tdb().name, (e) => {
      if (e.commandName === 'find' && e.command.find === 'versions') finds++;
    }));
  });
  after(() => conn?.close());
  beforeEach(async () => {
    await db.models.Version.collection.deleteMany({});
    finds = 0;
  });

  it('reads every kind at once; a kind never changed is absent', async () => {
    const v = new Versions(db.models);
    assert.deepEqual([...(await v.current())], []);
    await v.changed('contacts');
    await v.changed('settings');
    const now = await v.current();
    assert.deepEqual([...now.keys()].sort(), ['contacts', 'settings']);
    assert.equal(finds, 2);
  });

  it('first changes of a kind by several processes at once all land (one inserts, the others update)', async () => {
    const processes = Array.from({ length: 8 }, () => new Versions(db.models));
    await Promise.all(processes.map((p) => p.changed('timelineBacklog')));
    assert.equal(await db.models.Version.countDocuments({ _id: 'timelineBacklog' }), 1);
  });

  it('a change by another process is in every read past the bound, with a value never used before', async () => {
    const mine = new Versions(db.models);
    const other = new Versions(db.models);
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await other.changed('contacts');
      await pastVersionsBound();
      const v = (await mine.current()).get('contacts')!;
      assert.ok(!seen.has(v), 'a new value per change');
      seen.add(v);
      assert.equal(v, (await other.current()).get('contacts'));
    }
  });

  it("another process's change may be missed within the bound, never past it (a clock of the test's)", async () => {
    let now = 1_000;
    const mine = new Versions(db.models, () => now);
    const other = new Versions(db.models);
    const before = (await mine.current()).get('contacts'); // started at 1,000
    await other.changed('contacts');
    now += VERSIONS_SHARED_MS; // the read that started at 1,000 is still shared
    assert.equal((await mine.current()).get('contacts'), before);
    assert.equal(finds, 1);
    now += 1; // past the bound: a new read
    const after = (await mine.current()).get('contacts');
    assert.notEqual(after, before);
    assert.equal(after, (await new Versions(db.models).current()).get('contacts'));
  });

  it('readers as of one instant share one read', async () => {
    const v = new Versions(db.models);
    const asOf = v.now();
    const first = await Promise.all([v.current(asOf), v.current(asOf), v.current(asOf)]);
    assert.equal(finds, 1, 'one read for one request');
    assert.ok(first.every((m) => m === first[0]));
  });

  it('readers within the bound share a read under way; later ones share the next, which starts after it', async () => {
    let now = 1_000;
    const v = new Versions(db.models, () => now);
    const underWay = v.current(); // started at 1,000
    now += VERSIONS_SHARED_MS;
    const within = v.current();
    now += 1;
    const [a, b, c, d] = await Promise.all([underWay, within, v.current(), v.current()]);
    assert.equal(a, b, 'a reader within the bound shares the read under way');
    assert.equal(c, d, 'one read for both later readers');
    assert.notEqual(a, c);
    assert.equal(finds, 2);
  });

  it('after a change of its own, no reader gets a read that started before the change ended', async () => {
    const v = new Versions(db.models);
    for (let i = 0; i < 10; i++) {
      const underWay = v.current();
      await v.changed('settings');
      const later = await v.current(); // within the bound of the read under way
      const stored = await db.models.Version.findById('settings').lean();
      assert.equal(later.get('settings'), stored?.v);
      await underWay;
    }
  });

  it('a failed read is not shared with later readers', async () => {
    const own = mongoose.createConnection(process.env.MONGODB_URI!, {
      dbName: tdb().name,
      autoIndex: false,
      serverSelectionTimeoutMS: 1000,
    });
    await own.asPromise();
    try {
      const v = new Versions((await wrapConnection(own)).models);
      await own.close();
      await assert.rejects(v.current());
      await own.openUri(process.env.MONGODB_URI!, { dbName: tdb().name, autoIndex: false });
      // As of 0: any read would do, the failed one included, were it kept.
      assert.deepEqual([...(await v.current(0))], []);
    } finally {
      await own.close();
    }
  });
});
