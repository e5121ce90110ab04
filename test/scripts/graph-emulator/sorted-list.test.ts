// The chunked ordered list behind folders must agree with a plain sorted array for any mix of inserts and
// removes, including across chunk splits (more than 1,024 items in one chunk).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SortedChunkList } from '../../../scripts/graph-emulator/sorted-list.js';

interface Item {
  key: number;
  seq: number;
}

const byKey = (a: Item, b: Item) => a.key - b.key || a.seq - b.seq;

describe('Graph emulator: SortedChunkList', () => {
  it('matches a sorted array for inserts, removes, ranks and ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 0, max: 60 }),
        (ops, probe) => {
          const list = new SortedChunkList<Item>(
            (i) => i.key,
            (i) => i.seq,
          );
          const model: Item[] = [];
          ops.forEach(([key, remove], seq) => {
            if (remove && model.length) {
              const victim = model[(seq * 7919) % model.length]!;
              assert.equal(list.remove(victim), true);
              model.splice(model.indexOf(victim), 1);
            } else {
              const item = { key, seq };
              list.insert(item);
              model.push(item);
              model.sort(byKey);
            }
          });
          assert.equal(list.size, model.length);
          assert.deepEqual([...list], model);
          assert.equal(list.countBelow(probe, false), model.filter((i) => i.key < probe).length);
          assert.equal(list.countBelow(probe, true), model.filter((i) => i.key <= probe).length);
          const from = Math.min(probe, model.length);
          assert.deepEqual(list.range(from, from + 25), model.slice(from, from + 25));
          assert.equal(list.remove({ key: probe, seq: -1 }), false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stays ordered across chunk splits and merges with thousands of items', () => {
    const list = new SortedChunkList<Item>(
      (i) => i.key,
      (i) => i.seq,
    );
    const items = Array.from({ length: 6000 }, (_, seq) => ({ key: (seq * 7919) % 1000, seq }));
    for (const item of items) list.insert(item);
    const removed = items.filter((_, i) => i % 3 !== 0);
    for (const item of removed) assert.equal(list.remove(item), true);
    const model = items.filter((_, i) => i % 3 === 0).sort(byKey);
    assert.deepEqual([...list], model);
    assert.equal(list.countBelow(500, false), model.filter((i) => i.key < 500).length);
    assert.deepEqual(list.range(1000, 1010), model.slice(1000, 1010));
  });
});
