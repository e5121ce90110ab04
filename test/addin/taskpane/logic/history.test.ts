import assert from 'node:assert/strict';
import type { InteractionSummary } from '../../../../shared/api/interactions.js';
import { hasMore, initialHistory, mergeEntries, withPage } from '../../../../addin/taskpane/logic/history.js';

const entry = (entryNumber: number, occurredAt: string, subject = `#${entryNumber}`): InteractionSummary => ({
  entryNumber,
  occurredAt,
  direction: 'inbound',
  subject,
  salespersonCode: null,
  salespersonName: null,
  opportunityNumber: null,
  canceled: false,
  hasLink: true,
  visibility: 'full',
  private: false,
  sensitive: false,
});

describe('addin/taskpane/logic/history', () => {
  it('knows there is nothing more when the lookup returned fewer than five entries', () => {
    assert.equal(hasMore(initialHistory([entry(1, '2025-01-01T00:00:00Z')])), false);
    const five = [1, 2, 3, 4, 5].map((n) => entry(n, `2025-01-0${n}T00:00:00Z`));
    assert.equal(hasMore(initialHistory(five)), true);
  });

  it('orders newest first, the higher entry number first on equal times', () => {
    const merged = mergeEntries(
      [entry(1, '2025-01-01T10:00:00Z'), entry(3, '2025-01-02T10:00:00Z')],
      [entry(2, '2025-01-02T10:00:00Z'), entry(4, '2024-12-31T10:00:00+02:00')],
    );
    assert.deepEqual(
      merged.map((e) => e.entryNumber),
      [3, 2, 1, 4],
    );
  });

  it('merges a page that repeats shown entries without duplicates, taking the newer copy', () => {
    const shown = initialHistory([5, 4, 3, 2, 1].map((n) => entry(n, `2025-01-0${n}T00:00:00Z`)));
    const page = {
      items: [entry(5, '2025-01-05T00:00:00Z', 'renamed'), entry(0, '2024-12-31T00:00:00Z')],
      nextCursor: 'c2',
    };
    const next = withPage(shown, page);
    assert.deepEqual(
      next.items.map((e) => e.entryNumber),
      [5, 4, 3, 2, 1, 0],
    );
    assert.equal(next.items[0]?.subject, 'renamed');
    assert.equal(next.cursor, 'c2');
    assert.equal(hasMore(withPage(next, { items: [], nextCursor: null })), false);
  });
});
