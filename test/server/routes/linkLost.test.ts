// A logged email whose link the link check found lost (jobs/linkCheck.ts) says so through the API: its date on
// the history and the detail (the strict response schemas are validated by the harness), for who sees it in full
// only; an entry never found wanting carries nothing.
import assert from 'node:assert/strict';
import { LinkCheckRepository } from '../../../server/repositories/linkChecks.js';
import {
  entryId,
  InteractionRepository,
  type NewInteraction,
} from '../../../server/repositories/interactions.js';
import { NumberSeries } from '../../../server/repositories/numberSeries.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { MAILBOX } from './samples.js';

const LOST_AT = new Date('2026-02-01T08:00:00Z');

function entry(n: number, salespersonCode: string): NewInteraction {
  return {
    messageKey: `<lost-${n}@fabrikam.example>`,
    contactNumber: 'CT000001',
    contactCompanyNumber: 'CT000100',
    salespersonCode,
    occurredAt: new Date(Date.UTC(2025, 5, n)),
    direction: 'inbound',
    initiatedBy: 'them',
    subject: `Order ${n}`,
    description: `Order ${n}`,
    message: {
      mailbox: MAILBOX,
      internetMessageId: `<lost-${n}@fabrikam.example>`,
      immutableId: `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A-lost-${n}`,
      webLink: `https://outlook.office365.com/owa/?ItemID=lost-${n}`,
      conversationId: null,
    },
    archiveState: 'archived',
    source: 'loop',
    createdBy: 'job',
  };
}

describe('API: a lost link', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('linklost');
  let h: ApiHarness;
  let lost: number;
  let fine: number;
  before(async () => {
    h = await startApiHarness(tdb().conn);
    const m = h.db.models;
    const written = await new InteractionRepository(m, new NumberSeries(m, 'linklost-test')).writeIdempotent([
      entry(1, 'PH'),
      entry(2, 'PH'),
    ]);
    [lost, fine] = written.written.map((e) => e.entryNumber) as [number, number];
    await new LinkCheckRepository(m).apply([
      { _id: entryId('<lost-1@fabrikam.example>', 'CT000001', 'PH'), lost: true, at: LOST_AT },
    ]);
  });
  after(() => h?.close());

  it('shows linkLostAt on the history and the detail, and nothing on a working link', async () => {
    const history = await h.request('GET', '/api/v1/contacts/CT000001/interactions', {
      token: 'salesperson',
    });
    assert.equal(history.status, 200);
    const items = (history.json as { items: { entryNumber: number; linkLostAt?: string }[] }).items;
    assert.equal(items.find((i) => i.entryNumber === lost)?.linkLostAt, LOST_AT.toISOString());
    assert.ok(!('linkLostAt' in items.find((i) => i.entryNumber === fine)!));
    const detail = await h.request('GET', `/api/v1/interactions/${lost}`, { token: 'salesperson' });
    assert.equal(detail.status, 200);
    assert.equal((detail.json as { linkLostAt?: string }).linkLostAt, LOST_AT.toISOString());
  });
});
