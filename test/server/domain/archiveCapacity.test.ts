import assert from 'node:assert/strict';
import {
  capacityOf,
  EXCHANGE_ONLINE_LIMITS,
  hasRoom,
  periodFolderName,
  seriesFolderName,
} from '../../../server/domain/archiveCapacity.js';

describe('archive capacity and rollover (pure)', () => {
  it("names period folders in UTC and numbers a full one's successors", () => {
    const at = new Date('2027-01-01T00:30:00+01:00'); // still 2026-12-31 in UTC
    assert.equal(periodFolderName('off', at), null);
    assert.equal(periodFolderName('yearly', at), '2026');
    assert.equal(periodFolderName('monthly', at), '2026-12');
    assert.equal(periodFolderName('monthly', new Date('2027-03-15T12:00:00Z')), '2027-03');
    assert.deepEqual(
      [1, 2, 3].map((n) => seriesFolderName('2027', n)),
      ['2027', '2027 (2)', '2027 (3)'],
    );
    assert.deepEqual(
      [1, 2, 3].map((n) => seriesFolderName(null, n)),
      [null, '2', '3'],
    );
  });

  it('has room below the threshold, always without one or without a count', () => {
    assert.equal(hasRoom({ itemCount: 4, sizeBytes: null }, 5), true);
    assert.equal(hasRoom({ itemCount: 5, sizeBytes: null }, 5), false);
    assert.equal(hasRoom({ itemCount: 5_000_000, sizeBytes: null }, null), true);
    assert.equal(hasRoom({ itemCount: null, sizeBytes: null }, 5), true);
  });

  it("warns against Exchange Online's published limits", () => {
    const L = EXCHANGE_ONLINE_LIMITS;
    assert.deepEqual(capacityOf({ itemCount: 99_999, sizeBytes: 1024 }), { level: 'ok', reasons: [] });
    const slow = capacityOf({ itemCount: L.comfortableItemsPerFolder, sizeBytes: null });
    assert.equal(slow.level, 'warning');
    assert.match(slow.reasons[0]!, /Outlook slows down above 100,000/);
    const near = capacityOf({ itemCount: 800_000, sizeBytes: null });
    assert.equal(near.level, 'critical');
    assert.match(near.reasons[0]!, /1,000,000 per folder/);
    const big = capacityOf({ itemCount: 10, sizeBytes: 41 * 1024 ** 3 });
    assert.equal(big.level, 'critical');
    assert.match(big.reasons[0]!, /41 GB .* 50 GB/);
    assert.deepEqual(capacityOf({ itemCount: null, sizeBytes: null }), { level: 'ok', reasons: [] });
  });
});
