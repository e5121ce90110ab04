// The timeline merge against its definition: after any change, the merged timeline is the newest n of the
// contact's entries as they now are, or null ("read them again") only when that cannot be known from it.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeTimeline, timelineOf, type TimelineEntry } from '../../../server/domain/timeline.js';

const N = 5;
type Entry = TimelineEntry & { v: number };

/** Entries with few distinct days, so ties broken by entry number happen often. */
const entries = fc
  .uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 25 })
  .chain((numbers) =>
    fc.tuple(
      ...numbers.map((n) => fc.record({ entryNumber: fc.constant(n), day: fc.integer({ min: 1, max: 8 }) })),
    ),
  )
  .map((rows) => rows.map((r) => entry(r.entryNumber, r.day, 0)));

function entry(entryNumber: number, day: number, v: number): Entry {
  return { entryNumber, occurredAt: new Date(Date.UTC(2026, 0, day)), v };
}

const change = fc.record({
  add: fc.array(fc.record({ n: fc.integer({ min: 61, max: 80 }), day: fc.integer({ min: 1, max: 8 }) }), {
    maxLength: 4,
  }),
  edit: fc.array(fc.record({ pick: fc.nat(), day: fc.option(fc.integer({ min: 1, max: 8 })) }), {
    maxLength: 4,
  }),
  remove: fc.array(fc.nat(), { maxLength: 3 }),
});

describe('domain/timeline: mergeTimeline', () => {
  it('equals the newest n of the entries after the change, or asks for them (only when it must)', () => {
    fc.assert(
      fc.property(entries, change, (all, c) => {
        const current = timelineOf(all, N);
        const byNumber = new Map(all.map((e) => [e.entryNumber, e]));
        const put: Entry[] = [];
        for (const a of c.add) if (!byNumber.has(a.n)) put.push(entry(a.n, a.day, 0));
        for (const e of c.edit) {
          if (all.length === 0) break;
          const was = all[e.pick % all.length]!;
          put.push(entry(was.entryNumber, e.day ?? was.occurredAt.getUTCDate(), was.v + 1));
        }
        const removed = all.length === 0 ? [] : c.remove.map((i) => all[i % all.length]!.entryNumber);
        const after = new Map(byNumber);
        for (const e of put) after.set(e.entryNumber, e);
        for (const n of removed) after.delete(n);
        const expected = timelineOf([...after.values()], N);

        const merged = mergeTimeline(current, { put, removed }, N);
        if (merged !== null) assert.deepEqual(merged, expected);
        else {
          // Null only when a full timeline lost an entry or one moved back in time.
          assert.equal(current.length, N);
          const lost = current.some(
            (e) =>
              removed.includes(e.entryNumber) ||
              put.some((p) => p.entryNumber === e.entryNumber && p.occurredAt < e.occurredAt),
          );
          assert.ok(lost, 'asked to read again without need');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps in-place changes of a full timeline (cancel, link, privacy) without reading again', () => {
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => entry(n, n, 0));
    const current = timelineOf(all, N);
    const merged = mergeTimeline(current, { put: [entry(5, 5, 1)], removed: [] }, N);
    assert.deepEqual(
      merged?.map((e) => [e.entryNumber, e.v]),
      [
        [7, 0],
        [6, 0],
        [5, 1],
        [4, 0],
        [3, 0],
      ],
    );
    assert.equal(mergeTimeline(current, { put: [], removed: [6] }, N), null);
    assert.deepEqual(
      mergeTimeline(timelineOf(all.slice(0, 3), N), { put: [], removed: [2] }, N)?.map((e) => e.entryNumber),
      [3, 1],
    );
  });
});
