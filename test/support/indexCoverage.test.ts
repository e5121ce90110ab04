import assert from 'node:assert/strict';
import { isServed, type QueryShape } from './indexCoverage.js';

const q = (over: Partial<QueryShape>): QueryShape => ({
  collection: 'c',
  method: 'find',
  equality: [],
  range: [],
  sort: [],
  ...over,
});

describe('index coverage checker', () => {
  const indexes: [string, 1 | -1][][] = [
    [['_id', 1]],
    [
      ['contactNumber', 1],
      ['occurredAt', -1],
      ['entryNumber', -1],
    ],
    [['email', 1]],
  ];
  it('accepts equality prefix plus sort in index order or fully reversed', () => {
    assert.ok(
      isServed(
        q({
          equality: ['contactNumber'],
          sort: [
            ['occurredAt', -1],
            ['entryNumber', -1],
          ],
        }),
        indexes,
      ),
    );
    assert.ok(
      isServed(
        q({
          equality: ['contactNumber'],
          sort: [
            ['occurredAt', 1],
            ['entryNumber', 1],
          ],
        }),
        indexes,
      ),
    );
    assert.ok(isServed(q({ equality: ['email'] }), indexes));
    // A leading equality key narrows the scan; further predicates filter what it found.
    assert.ok(isServed(q({ equality: ['contactNumber', 'canceled'] }), indexes));
  });
  it('refuses a filter on an unindexed field, a sort out of order, or a non-prefix equality', () => {
    assert.ok(!isServed(q({ equality: ['subject'] }), indexes));
    assert.ok(!isServed(q({ equality: ['contactNumber'], sort: [['entryNumber', -1]] }), indexes));
    assert.ok(!isServed(q({ equality: ['occurredAt'] }), indexes));
    assert.ok(!isServed(q({ sort: [['name', 1]] }), indexes));
  });
});
