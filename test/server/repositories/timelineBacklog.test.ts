// The loop's timelines are made after its writes: until then the contacts are listed (so the lookup reads them
// from the entries), afterwards their timelines hold the entries and the listing is gone; a listing left by a
// process that died is made by another one once it is ADOPT_MS old, and never earlier.
import assert from 'node:assert/strict';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { InteractionRepository } from '../../../server/repositories/interactions.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { ADOPT_MS, TimelineBacklog } from '../../../server/repositories/timelineBacklog.js';
import { timelineDocOf } from '../../../server/repositories/timelineCodec.js';
import { timelinesOf } from '../../../server/repositories/timelines.js';
import { useTestDatabase } from '../../support/db.js';
import { loopEntry } from '../../support/entries.js';

describe('timeline backlog: the loop’s timelines made after its writes', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('tlbacklog');
  let db: Database;
  let interactions: InteractionRepository;
  /** The subjects (each entry's is its message key) of a contact's stored timeline. */
  const stored = async (contact: string) => {
    const doc = await db.models.Timeline.collection.findOne({ _id: contact as never });
    return (doc ? timelineDocOf(doc as never).entries : []).map((e) => e.subject);
  };

  beforeEach(async () => {
    db = await wrapConnection(tdb().conn);
    await Promise.all(
      ['Interaction', 'Timeline', 'TimelineBacklog', 'Claim'].map((m) =>
        db.models[m as 'Claim'].collection.deleteMany({}),
      ),
    );
    interactions = new InteractionRepository(db.models, new NumberSeries(db.models, 'backlog-test'));
  });

  it('lists the contacts of a write until their timelines are made, then removes the listing', async () => {
    await interactions.writeIdempotent([loopEntry('CT1', '<a@x>', 1)]); // in step: a timeline at once
    assert.deepEqual(await stored('CT1'), ['<a@x>']);
    const backlog = interactions.timelines.backlog;
    await interactions.writeIdempotent([loopEntry('CT1', '<b@x>', 2), loopEntry('CT2', '<c@x>', 2)], {
      timelines: 'later',
    });
    assert.deepEqual(await stored('CT1'), ['<a@x>'], 'not in step');
    assert.deepEqual([...(await backlog.pending())].sort(), ['CT1', 'CT2']);

    await backlog.drain();
    assert.deepEqual(await stored('CT1'), ['<b@x>', '<a@x>']);
    assert.deepEqual(await stored('CT2'), ['<c@x>']);
    assert.equal((await backlog.pending()).size, 0);
  });

  it('lists the contacts of a write that failed too, and makes them from what was written', async () => {
    const backlog = interactions.timelines.backlog;
    await assert.rejects(
      interactions.timelines.later(['CT3'], async () => {
        await interactions.writeIdempotent([loopEntry('CT3', '<d@x>', 3)], { timelines: 'later' });
        throw new Error('the page failed after its first write');
      }),
      /page failed/,
    );
    assert.ok((await backlog.pending()).has('CT3'));
    await backlog.drain();
    assert.deepEqual(await stored('CT3'), ['<d@x>']);
  });

  it('a listing whose process died is made by another process once it is old enough', async () => {
    await db.models.TimelineBacklog.collection.insertOne({
      _id: 'left-behind' as never,
      contacts: ['CT4'],
      owner: 'a process that died',
      at: new Date(Date.now() - 1000),
      written: false,
    });
    // Its write had reached the entries; the dead process never made the timeline.
    await interactions.writeIdempotent([loopEntry('CT4', '<e@x>', 4)], { timelines: 'later' });
    await interactions.timelines.backlog.drain(); // this process's own listing
    await db.models.Timeline.collection.deleteMany({});
    let clock = Date.now();
    const other = new TimelineBacklog(
      db.models,
      (c) => timelinesOf(db.models).rebuild(c),
      () => clock,
    );
    await other.drain();
    assert.deepEqual(await stored('CT4'), [], 'not adopted while its writer may still be writing');
    assert.ok((await other.pending()).has('CT4'));
    clock += ADOPT_MS + 1;
    await other.drain();
    assert.deepEqual(await stored('CT4'), ['<e@x>']);
    assert.equal((await other.pending()).size, 0);
  });
});
