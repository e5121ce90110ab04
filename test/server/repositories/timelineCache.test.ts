// The timelines the lookup holds in its process (repositories/timelineCache.ts): a held one costs no query, any
// write of timelines by any instance is seen by the next read, a read that raced a change is not kept, and age
// and size are bounded. (timelines.test.ts checks held timelines against the stored ones after random writes.)
import assert from 'node:assert/strict';
import mongoose, { type Connection } from 'mongoose';
import zlib from 'node:zlib';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { ChangeLog } from '../../../server/repositories/changeLog.js';
import { InteractionRepository } from '../../../server/repositories/interactions.js';
import type { TimelineDoc } from '../../../server/repositories/models/timeline.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { MAX_AGE_MS, TimelineCache } from '../../../server/repositories/timelineCache.js';
import { timelinesOf } from '../../../server/repositories/timelines.js';
import { Versions, versionsOf } from '../../../server/repositories/versions.js';
import { pastVersionsBound } from '../../support/versions.js';
import { openWatchedConnection, useTestDatabase } from '../../support/db.js';
import { loopEntry } from '../../support/entries.js';

/** A stored timeline's BSON, as the cache reads it. */
const doc = (id: string, subject: string): Uint8Array =>
  mongoose.mongo.BSON.serialize({
    _id: id,
    entries: [{ subject } as TimelineDoc['entries'][number]],
    open: [],
    rev: subject,
  } satisfies TimelineDoc);

/** What the cache counts for a held timeline: its deflated BSON and ~100 bytes for its key and entry. */
const heldBytes = (bson: Uint8Array): number => zlib.deflateRawSync(bson).byteLength + 100;

describe('timeline cache: no query for a held timeline, never behind a write', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('timelinecache');
  let conn: Connection;
  let db: Database;
  let timelineFinds = 0;

  before(async () => {
    ({ conn, db } = await openWatchedConnection(tdb().name, (e) => {
      if (e.commandName === 'find' && e.command.find === 'timelines') timelineFinds++;
    }));
  });
  after(() => conn?.close());

  it("a held timeline costs no query; an entry logged by another instance is in a read past the versions' bound", async () => {
    // Two instances: their own models, so their own versions and caches, on one database.
    const reader = db.models;
    const writer = (await wrapConnection(tdb().conn)).models;
    const log = new InteractionRepository(writer, new NumberSeries(writer, 'cache-test'));
    await timelinesOf(writer).rebuildAll(); // a new database: every timeline is kept from here on
    await log.writeIdempotent([loopEntry('CT1', '<a@x>', 1)]);
    const read = async () => await timelinesOf(reader).get(['CT1', 'CT2'], versionsOf(reader).now());

    const first = await read();
    assert.deepEqual(
      first.get('CT1')?.entries.map((e) => e.subject),
      ['<a@x>'],
    );
    assert.equal(first.get('CT2'), null);
    const before = timelineFinds;
    for (let i = 0; i < 5; i++) assert.deepEqual(await read(), first);
    assert.equal(timelineFinds, before, 'held timelines (and a held "none") are not read again');

    await log.writeIdempotent([loopEntry('CT2', '<b@x>', 2)]);
    await pastVersionsBound();
    const next = await read();
    assert.deepEqual(
      next.get('CT2')?.entries.map((e) => e.subject),
      ['<b@x>'],
    );
    assert.ok(timelineFinds > before, 'read again after the version moved');
  });

  it('a read that started before a change is not kept, though it answers the lookup that asked first', async () => {
    const versions = new Versions(db.models);
    const log = new ChangeLog(db.models.TimelineChange);
    let stored = { id: 'CT1', bson: doc('CT1', 'old') };
    let release: () => void = () => {};
    let held = false;
    let reads = 0;
    const cache = new TimelineCache(versions, log, async (id) => {
      reads++;
      const answer = stored;
      if (held) await new Promise<void>((r) => (release = r));
      return id === answer.id ? answer.bson : null;
    });
    await versions.changed('timelines');
    held = true;
    const slow = cache.get(['CT1'], versions.now()); // reads the old document, then waits
    await new Promise((r) => setTimeout(r, 50));
    held = false;
    stored = { id: 'CT1', bson: doc('CT1', 'new') };
    await log.record(['CT1']); // as a writer does: the change filed, then its version
    await versions.changed('timelines');
    const fresh = await cache.get(['CT1'], versions.now());
    assert.equal(fresh.get('CT1')?.entries[0]?.subject, 'new');
    release();
    assert.equal((await slow).get('CT1')?.entries[0]?.subject, 'old');
    const after = await cache.get(['CT1'], versions.now());
    assert.equal(after.get('CT1')?.entries[0]?.subject, 'new', 'the late old answer was not kept');
    assert.equal(reads, 2);
  });

  it('a timeline read ahead (prefetch) serves the lookup at the same version, never one after a change', async () => {
    const versions = new Versions(db.models);
    const log = new ChangeLog(db.models.TimelineChange);
    let stored = doc('CT1', 'old');
    const reads: string[] = [];
    const cache = new TimelineCache(versions, log, async (id) => {
      const answer = stored;
      reads.push(id);
      await new Promise((r) => setTimeout(r, 20));
      return answer;
    });
    await versions.changed('timelines');
    cache.prefetch(['CT1']); // nothing read yet in this process: no version to read under, so nothing starts
    assert.deepEqual(reads, []);
    await cache.get(['CT0'], versions.now()); // the process's first read: it now holds a version
    cache.prefetch(['CT1']);
    cache.prefetch(['CT1']); // one read per timeline, however often asked
    const same = await cache.get(['CT1'], versions.now());
    assert.equal(same.get('CT1')?.entries[0]?.subject, 'old');
    assert.deepEqual(reads, ['CT0', 'CT1'], 'the lookup took the read started ahead');

    // Read ahead, then a change lands and its version is written before the lookup reads the versions.
    cache.prefetch(['CT2']);
    stored = doc('CT1', 'new');
    await new Promise((r) => setTimeout(r, 40)); // the read ahead has its (old) answer
    await log.record(['CT1', 'CT2']);
    await versions.changed('timelines');
    const after = await cache.get(['CT1', 'CT2'], versions.now());
    assert.equal(after.get('CT1')?.entries[0]?.subject, 'new');
    assert.equal(after.get('CT2')?.entries[0]?.subject, 'new', 'the read ahead was dropped, not used');
    assert.deepEqual(reads, ['CT0', 'CT1', 'CT2', 'CT1', 'CT2']);

    // Read ahead and still under way when a change's version is written: the lookup reads again.
    stored = doc('CT3', 'old');
    cache.prefetch(['CT3']);
    stored = doc('CT3', 'new');
    await log.record(['CT3']);
    await versions.changed('timelines');
    const racing = await cache.get(['CT3'], versions.now());
    assert.equal(racing.get('CT3')?.entries[0]?.subject, 'new');
    await new Promise((r) => setTimeout(r, 40));
    const later = await cache.get(['CT3'], versions.now());
    assert.equal(later.get('CT3')?.entries[0]?.subject, 'new', 'the late read ahead was not kept');
    assert.equal(reads.filter((id) => id === 'CT3').length, 2);
  });

  it('concurrent lookups of one contact share one read; age and size are bounded', async () => {
    const versions = new Versions(db.models);
    await versions.changed('timelines');
    let now = 1_000_000;
    const reads: string[] = [];
    const cache = new TimelineCache(
      versions,
      new ChangeLog(db.models.TimelineChange),
      async (id) => {
        reads.push(id);
        await new Promise((r) => setTimeout(r, 20));
        return doc(id, id);
      },
      () => now,
      2 * heldBytes(doc('A', 'A')), // room for two
    );
    const asOf = versions.now();
    await Promise.all([cache.get(['A'], asOf), cache.get(['A'], asOf), cache.get(['A', 'B'], asOf)]);
    assert.deepEqual(reads.sort(), ['A', 'B']);
    await cache.get(['C'], asOf); // over the size: A, the least recently used, goes
    await cache.get(['B', 'C'], asOf);
    assert.deepEqual(reads.sort(), ['A', 'B', 'C']);
    await cache.get(['A'], asOf);
    assert.equal(reads.length, 4, 'A was dropped');
    now += MAX_AGE_MS + 1;
    await cache.get(['A'], asOf);
    assert.equal(reads.length, 5, 'read again once too old');
    assert.equal(cache.size, 2);
  });
  it('a write drops only its contacts held in every instance; an erasure drops everything', async () => {
    const { conn: rconn, db: rdb } = await openWatchedConnection(tdb().name, (e) => {
      if (e.commandName === 'find' && e.command.find === 'timelines')
        finds.push(String(e.command.filter?._id));
    });
    const finds: string[] = [];
    try {
      const reader = rdb.models;
      const writer = (await wrapConnection(tdb().conn)).models;
      const log = new InteractionRepository(writer, new NumberSeries(writer, 'cache-test'));
      await log.writeIdempotent([loopEntry('CT5', '<c@x>', 3), loopEntry('CT6', '<d@x>', 4)]);
      const read = async () => await timelinesOf(reader).get(['CT5', 'CT6'], versionsOf(reader).now());
      await read();
      assert.deepEqual(finds.sort(), ['CT5', 'CT6']);

      await log.writeIdempotent([loopEntry('CT6', '<e@x>', 5)]);
      await pastVersionsBound();
      const next = await read();
      assert.deepEqual(
        next.get('CT6')?.entries.map((e) => e.subject),
        ['<e@x>', '<d@x>'],
      );
      assert.deepEqual(
        next.get('CT5')?.entries.map((e) => e.subject),
        ['<c@x>'],
      );
      assert.deepEqual(finds.sort(), ['CT5', 'CT6', 'CT6'], 'only the written contact was read again');

      // The erased contact's number leaves the log; every held timeline is read again.
      await timelinesOf(writer).erased('CT6');
      assert.equal(await writer.TimelineChange.countDocuments({ numbers: 'CT6' }), 0);
      await pastVersionsBound();
      await read();
      assert.deepEqual(finds.sort(), ['CT5', 'CT5', 'CT6', 'CT6', 'CT6']);
    } finally {
      await rconn.close();
    }
  });

  it('a catch-up further back than the log answers drops everything held', async () => {
    const versions = new Versions(db.models);
    const reads: string[] = [];
    const cacheWith = (log: ChangeLog) =>
      new TimelineCache(versions, log, async (id) => {
        reads.push(id);
        return doc(id, id);
      });
    const near = cacheWith(new ChangeLog(db.models.TimelineChange));
    // Its log's clock is two hours on: the buckets from its last catch-up are more than it reads.
    const far = cacheWith(new ChangeLog(db.models.TimelineChange, () => Date.now() + 2 * 3600_000));
    await versions.changed('timelines');
    for (const c of [near, far]) await c.get(['A'], versions.now());
    assert.deepEqual(reads, ['A', 'A']);
    await new ChangeLog(db.models.TimelineChange).record(['B']);
    await versions.changed('timelines');
    await near.get(['A'], versions.now());
    assert.deepEqual(reads, ['A', 'A'], 'A did not change');
    await far.get(['A'], versions.now());
    assert.deepEqual(reads, ['A', 'A', 'A'], 'the far cache could not know: it read again');
  });

  it('the start-up fill holds stored timelines until full, never one dropped or read meanwhile', async () => {
    const versions = new Versions(db.models);
    const log = new ChangeLog(db.models.TimelineChange);
    const reads: string[] = [];
    const cache = new TimelineCache(
      versions,
      log,
      async (id) => {
        reads.push(id);
        return doc(id, 'read');
      },
      Date.now,
      4 * heldBytes(doc('A', 'stored')), // room for four
    );
    await versions.changed('timelines');
    let resume: () => void = () => {};
    const paused = new Promise<void>((r) => (resume = r));
    let reached: () => void = () => {};
    const halfway = new Promise<void>((r) => (reached = r));
    const filled = cache.fill(async function* () {
      yield ['A', doc('A', 'stored')];
      reached();
      await paused; // meanwhile: B changes (another instance), a lookup reads C
      for (const id of ['B', 'C', 'D', 'E', 'F']) yield [id, doc(id, 'stored')];
    });
    await halfway;
    await log.record(['B']);
    await versions.changed('timelines');
    await cache.get(['C'], versions.now()); // catches up (B), reads C
    resume();
    assert.equal(await filled, 3, 'A, D and E: B was dropped, C read, then the cache was full');
    const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
    const got = await cache.get(ids, versions.now());
    assert.deepEqual(
      ids.map((id) => got.get(id)?.entries[0]?.subject),
      ['stored', 'read', 'read', 'stored', 'stored', 'read'],
    );
    assert.deepEqual(reads, ['C', 'B', 'F']);
  });
});
