// The task pane's read model against its definition, on a real database: after any sequence of the writes that
// change entries or opportunities (logging, a repeated write, cancel, mark private, link to an opportunity, the
// loop linking manual entries, the link check, retention, erasure, opportunities opened and closed), some of them
// at the same time, every contact's timeline equals its newest entries and open opportunities as stored, and a
// rebuild from scratch gives exactly the same documents.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { timelineOf } from '../../../server/domain/timeline.js';
import { ContactDataRepository } from '../../../server/repositories/contactData.js';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { InteractionRepository, type NewInteraction } from '../../../server/repositories/interactions.js';
import { LinkCheckRepository } from '../../../server/repositories/linkChecks.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { OpportunityRepository } from '../../../server/repositories/opportunities.js';
import { RetentionRepository } from '../../../server/repositories/retention.js';
import { timelineDocOf } from '../../../server/repositories/timelineCodec.js';
import { timelineEntryOf } from '../../../server/repositories/timelineStore.js';
import { OPEN_PER_CONTACT, timelinesOf } from '../../../server/repositories/timelines.js';
import { versionsOf } from '../../../server/repositories/versions.js';
import { pastVersionsBound } from '../../support/versions.js';
import { RECENT_INTERACTIONS_PER_CONTACT } from '../../../shared/api/lookup.js';
import { useTestDatabase } from '../../support/db.js';

const CONTACTS = ['CT1', 'CT2', 'CT3'];
const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d));

type Op =
  | { kind: 'log' | 'loop'; contact: number; day: number; salespeople: number }
  | { kind: 'again' | 'cancel' | 'private' | 'link' | 'linkManual' | 'heal'; pick: number }
  | { kind: 'retention'; day: number }
  | { kind: 'erase'; contact: number }
  | { kind: 'open'; contact: number }
  | { kind: 'close'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('log' as const),
      contact: fc.nat(2),
      day: fc.nat(9),
      salespeople: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('loop' as const),
      contact: fc.nat(2),
      day: fc.nat(9),
      salespeople: fc.integer({ min: 1, max: 2 }),
    }),
  },
  ...(['again', 'cancel', 'private', 'link', 'linkManual', 'heal'] as const).map((kind) => ({
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant(kind), pick: fc.nat() }),
  })),
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retention' as const), day: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), contact: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), contact: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }) },
);
/** Steps of one to three operations run at the same time ('loop': a write whose timelines are made later). */
const steps = fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 14 });

describe('timelines: the read model equals the entries, incrementally and rebuilt', function () {
  this.timeout(600_000);
  const tdb = useTestDatabase('timelines');
  let db: Database;
  /** Another instance: its own caches over the same database. */
  let other: Database['models'];
  let interactions: InteractionRepository;
  let opportunities: OpportunityRepository;
  let message = 0;
  let opportunity = 0;

  /** Two new instances over the same database: nothing one run of the property held in memory reaches the
   *  next (a run that failed midway leaves what it held, which its collections' emptying does not change). */
  async function instances(): Promise<void> {
    db = await wrapConnection(tdb().conn);
    interactions = new InteractionRepository(db.models, new NumberSeries(db.models, 'timelines-test'));
    other = (await wrapConnection(tdb().conn)).models;
    opportunities = new OpportunityRepository(db.models);
  }

  before(instances);

  function entry(contact: string, salesperson: string, at: Date, key: string): NewInteraction {
    return {
      messageKey: key,
      contactNumber: contact,
      contactCompanyNumber: null,
      salespersonCode: salesperson,
      occurredAt: at,
      direction: 'inbound',
      initiatedBy: 'them',
      subject: `Mail ${key}`,
      description: `Mail ${key}`,
      message: {
        mailbox: 'log@x.example',
        internetMessageId: key,
        immutableId: null,
        webLink: null,
        conversationId: null,
      },
      archiveState: 'none',
      source: 'manual',
      createdBy: 'test',
    };
  }

  async function run(o: Op): Promise<void> {
    const all = await db.models.Interaction.find({}, { _id: 0, __v: 0 }).sort({ entryNumber: 1 }).lean();
    const picked = 'pick' in o && all.length > 0 ? all[o.pick % all.length]! : null;
    switch (o.kind) {
      case 'log':
      case 'loop': {
        const key = `<m${++message}@x.example>`;
        const sps = ['AH', 'BK'].slice(0, o.salespeople);
        await interactions.writeIdempotent(
          sps.map((sp) => entry(CONTACTS[o.contact]!, sp, day(o.day), key)),
          { timelines: o.kind === 'loop' ? 'later' : 'with' },
        );
        return;
      }
      case 'again':
        if (picked) await interactions.writeIdempotent([{ ...picked, source: 'loop' }]);
        return;
      case 'cancel':
        if (picked) await interactions.setCanceled(picked.entryNumber, !picked.canceled);
        return;
      case 'private':
        if (picked) await interactions.setMarkedPrivate(picked.entryNumber, !picked.markedPrivate);
        return;
      case 'link':
        if (picked) await interactions.recordOpportunity(picked.entryNumber, `OP${picked.entryNumber}`);
        return;
      case 'linkManual':
        if (picked)
          await interactions.linkManualEntries(picked.messageKey, {
            immutableId: 'AAk1',
            webLink: 'https://x/1',
          });
        return;
      case 'heal':
        if (picked) {
          const row = await db.models.Interaction.findOne(
            { entryNumber: picked.entryNumber },
            { _id: 1 },
          ).lean();
          if (row)
            await new LinkCheckRepository(db.models).apply([
              {
                _id: row._id!,
                found: { mailbox: 'log@x.example', immutableId: 'AAk2', webLink: 'https://x/2' },
                at: new Date(),
              },
            ]);
        }
        return;
      case 'retention':
        await new RetentionRepository(db.models).deleteBatchBefore(day(o.day));
        return;
      case 'erase': {
        const data = new ContactDataRepository(db.models);
        const number = CONTACTS[o.contact]!;
        await data.deleteEntries(await data.entries(number));
        await data.deleteOpportunities((await data.opportunities(number)).map((x) => x.number));
        return;
      }
      case 'open': {
        const number = `OP${String(++opportunity).padStart(4, '0')}`;
        const at = new Date(Date.UTC(2026, 1, 1, 0, opportunity));
        await opportunities.insert({
          number,
          description: number,
          contactNumber: CONTACTS[o.contact]!,
          contactCompanyNumber: null,
          salespersonCode: 'AH',
          salesCycleCode: 'STANDARD',
          status: 'open',
          estimatedValue: null,
          expectedCloseDate: null,
          sourceEntryNumber: null,
          createdBy: 'test',
          createdAt: at,
        });
        return;
      }
      case 'close': {
        const open = await db.models.Opportunity.find({ status: 'open' }, { number: 1 })
          .sort({ number: 1 })
          .lean();
        if (open.length > 0)
          await opportunities.update(open[o.pick % open.length]!.number, { status: 'won' });
        return;
      }
    }
  }

  /** The stored timelines without their revision, by contact. */
  async function snapshot(): Promise<Record<string, unknown>> {
    const docs = await db.models.Timeline.collection.find({}).sort({ _id: 1 }).toArray();
    return Object.fromEntries(
      docs.map((d) => {
        const { _id, rev: _rev, lists: _lists, ...rest } = timelineDocOf(d as never);
        return [_id, rest];
      }),
    );
  }

  /** The timelines a lookup of this instance gets (repositories/timelineCache.ts), by contact. */
  async function held(models: Database['models']): Promise<Record<string, unknown>> {
    const t = await timelinesOf(models).get(CONTACTS, versionsOf(models).now());
    return Object.fromEntries([...t].filter(([, v]) => v !== null));
  }

  /**
   * What a lookup holds equals the stored timelines: each contact's as stored before the lookup or after it. The
   * loop's backlog drains itself a second after its last write (repositories/timelineBacklog.ts), so under load
   * a drain can store a timeline while the lookup runs: whichever of the two it read is right.
   */
  async function heldAsStored(lookup: () => Promise<Record<string, unknown>>, what: string): Promise<void> {
    const before = await snapshot();
    const got = await lookup();
    const after = await snapshot();
    for (const c of CONTACTS) {
      if (isDeepStrictEqual(got[c], before[c])) continue;
      assert.deepEqual(got[c], after[c], `${what}: ${c}`);
    }
  }

  /** What the timelines must be: read from the entries and opportunities themselves. */
  async function expected(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const c of CONTACTS) {
      const entries = await db.models.Interaction.collection
        .find({ contactNumber: c }, { projection: { _id: 0, __v: 0 } })
        .toArray();
      const open = await db.models.Opportunity.collection
        .find({ contactNumber: c, status: 'open' }, { projection: { _id: 0, __v: 0 } })
        .sort({ createdAt: -1, number: -1 })
        .limit(OPEN_PER_CONTACT)
        .toArray();
      const newest = timelineOf(entries as never[], RECENT_INTERACTIONS_PER_CONTACT).map(timelineEntryOf);
      if (newest.length > 0 || open.length > 0) out[c] = { entries: newest, open };
    }
    return out;
  }

  it('after random operations (some at once): timelines = the entries = a rebuild from scratch', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        runs++;
        await instances();
        await Promise.all(
          ['Interaction', 'Opportunity', 'Timeline', 'TimelineBacklog', 'Claim', 'Contact'].map((m) =>
            db.models[m as 'Claim'].collection.deleteMany({}),
          ),
        );
        await db.models.Contact.collection.insertMany(CONTACTS.map((number) => ({ number })));
        for (const step of plan) {
          await Promise.all(step.map((o) => run(o)));
          // What a lookup gets from the cache of this instance (at once) and of another one (past the versions'
          // bound) equals the stored timelines.
          await heldAsStored(() => held(db.models), 'the timelines a lookup of this instance holds');
          await pastVersionsBound();
          await heldAsStored(() => held(other), 'the timelines a lookup of another instance holds');
        }
        await timelinesOf(db.models).backlog.drain(true); // the loop's timelines, made after its writes

        const incremental = await snapshot();
        assert.deepEqual(incremental, await expected(), 'the timelines kept by the writes');
        await db.models.Timeline.collection.deleteMany({});
        await timelinesOf(db.models).rebuildAll();
        assert.deepEqual(await snapshot(), incremental, 'a rebuild from scratch');
      }),
      { numRuns: 25 },
    );
    assert.equal(runs, 25);
  });

  it('keeps only what the pane shows of an entry; a timeline stored whole is read as it is and slim after its next change', async () => {
    await Promise.all(
      ['Interaction', 'Opportunity', 'Timeline', 'TimelineBacklog', 'Claim', 'Contact'].map((m) =>
        db.models[m as 'Claim'].collection.deleteMany({}),
      ),
    );
    await timelinesOf(db.models).rebuildAll();
    const old = entry('CT1', 'AH', day(1), `<m${++message}@x.example>`);
    await interactions.writeIdempotent([old]);
    const raw = async () => (await db.models.Timeline.collection.findOne({ _id: 'CT1' as never }))!;
    const stored = async () => timelineDocOf((await raw()) as never);
    const [slim] = (await stored()).entries as unknown as Record<string, unknown>[];
    for (const gone of [
      'messageKey',
      'description',
      'initiatedBy',
      'createdBy',
      'createdAt',
      'source',
      'comment',
    ])
      assert.ok(!(gone in slim!), `${gone} stays with the entry`);
    assert.deepEqual(slim!.message, { immutableId: null, webLink: null });
    assert.equal(slim!.subject, old.subject);
    assert.ok((await raw()).body && !(await raw()).entries, 'stored as one binary');

    // As a timeline was stored before: whole entries, as lists.
    const whole = await db.models.Interaction.collection
      .find({}, { projection: { _id: 0, __v: 0 } })
      .toArray();
    const asLists = (entries: unknown[]) =>
      db.models.Timeline.collection.replaceOne({ _id: 'CT1' as never }, { entries, open: [], rev: 'old' });
    await asLists(whole);
    await versionsOf(db.models).changed('timelines');
    const read = await timelinesOf(db.models).get(['CT1'], versionsOf(db.models).now());
    assert.equal(read.get('CT1')?.entries[0]?.subject, old.subject, 'read as it is');
    await interactions.writeIdempotent([entry('CT1', 'AH', day(2), `<m${++message}@x.example>`)]);
    assert.deepEqual(await snapshot(), await expected(), 'slim after its next change');
    assert.ok(!('messageKey' in (await stored()).entries[1]!));
    assert.ok((await raw()).body && !(await raw()).entries, 'a binary after its next change');

    // Lists that hold just what a write would store: a rebuild still stores them as a binary, the same timeline.
    const before = await snapshot();
    await asLists((await stored()).entries);
    await versionsOf(db.models).changed('timelines');
    assert.deepEqual(await snapshot(), before, 'read alike as lists');
    await timelinesOf(db.models).rebuildAll();
    assert.ok((await raw()).body && !(await raw()).entries, 'a binary after a rebuild');
    assert.deepEqual(await snapshot(), before, 'the same timeline');
  });

  it('a change made by an instance that holds an old timeline, or none at all, still reaches the stored one', async () => {
    await Promise.all(
      ['Interaction', 'Opportunity', 'Timeline', 'TimelineBacklog', 'Claim', 'Contact'].map((m) =>
        db.models[m as 'Claim'].collection.deleteMany({}),
      ),
    );
    await db.models.Contact.collection.insertMany(CONTACTS.map((number) => ({ number })));
    await timelinesOf(db.models).rebuildAll(); // complete: both instances take an unseen contact as having none
    // Another instance: its own repositories (and timelines held in memory) over the same database.
    const other = (await wrapConnection(tdb().conn)).models;
    assert.notEqual(timelinesOf(other), timelinesOf(db.models));
    const log = (repo: InteractionRepository, d: number) =>
      repo.writeIdempotent([entry('CT1', 'AH', day(d), `<m${++message}@x.example>`)]);
    const otherInteractions = new InteractionRepository(other, new NumberSeries(other, 'timelines-test'));

    for (let d = 5; d <= 9; d++) await log(interactions, d); // this instance holds CT1's timeline
    await new RetentionRepository(other).deleteBatchBefore(day(6)); // the other one never saw it
    assert.deepEqual(await snapshot(), await expected(), 'an entry removed by an instance that never saw it');

    await otherInteractions.setCanceled((await db.models.Interaction.findOne({}).lean())!.entryNumber, true);
    const data = new ContactDataRepository(other);
    await data.deleteEntries(await data.entries('CT1')); // erased there: this instance's timeline is now old
    await log(interactions, 1); // older than every entry it still holds: the merge alone changes nothing
    assert.deepEqual(await snapshot(), await expected(), 'an entry logged over a timeline changed elsewhere');

    await opportunities.insert({
      number: 'OP9001',
      description: 'x',
      contactNumber: 'CT2',
      contactCompanyNumber: null,
      salespersonCode: 'AH',
      salesCycleCode: 'STANDARD',
      status: 'open',
      estimatedValue: null,
      expectedCloseDate: null,
      sourceEntryNumber: null,
      createdBy: 'test',
      createdAt: day(2),
    });
    await new OpportunityRepository(other).update('OP9001', { status: 'won' });
    assert.deepEqual(
      await snapshot(),
      await expected(),
      'an opportunity closed by an instance that never saw it',
    );
  });
});
