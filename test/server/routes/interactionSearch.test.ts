import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { messageRef } from './samples.js';

const PH = { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' };
const MN = { address: 'maria.nielsen@contoso.example', name: 'Maria Nielsen' };
const ANNA = { address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' };
const LARS = { address: 'lars.berg@northwind.example', name: 'Lars Berg' };

interface Row {
  entryNumber: number;
  occurredAt: string;
  contactNumber: string;
  contactName: string;
  salespersonCode: string | null;
  direction: string;
  canceled: boolean;
  subject: string;
}

describe('GET /interactions (admin): entries across contacts with filters, newest first, keyset-paged', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('isearch');
  let h: ApiHarness;
  const entries: Record<string, number> = {};

  const log = async (name: string, over: Parameters<typeof messageRef>[0]) => {
    const r = await h.request('POST', '/api/v1/log-email', { token: 'admin', body: messageRef(over) });
    assert.equal(r.status, 200, r.text);
    entries[name] = r.json.entries[0].entryNumber;
  };
  const search = async (query: string, token: 'admin' | 'salesperson' = 'admin') =>
    h.request('GET', `/api/v1/interactions${query}`, { token });
  const subjects = (r: { json: { items: Row[] } }) => r.json.items.map((i) => i.subject);

  before(async () => {
    h = await startApiHarness(tdb().conn);
    await log('ph-anna-1', {
      subject: 'ph-anna-1',
      sentDateTime: '2025-03-01T09:00:00Z',
      from: PH,
      to: [ANNA],
    });
    await log('ph-anna-2', {
      subject: 'ph-anna-2',
      sentDateTime: '2025-03-02T23:30:00Z',
      from: PH,
      to: [ANNA],
    });
    await log('mn-lars', { subject: 'mn-lars', sentDateTime: '2025-03-03T10:00:00Z', from: MN, to: [LARS] });
    await log('anna-ph', { subject: 'anna-ph', sentDateTime: '2025-03-04T08:00:00Z', from: ANNA, to: [PH] });
    // Two entries at the same instant: the entry number breaks the tie (and must not be skipped by paging).
    await log('tie-a', { subject: 'tie-a', sentDateTime: '2025-03-05T12:00:00Z', from: PH, to: [ANNA] });
    await log('tie-b', { subject: 'tie-b', sentDateTime: '2025-03-05T12:00:00Z', from: MN, to: [LARS] });
  });
  after(() => h?.close());

  it('lists every entry newest first with contact and salesperson names', async () => {
    const r = await search('');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(subjects(r), ['tie-b', 'tie-a', 'anna-ph', 'mn-lars', 'ph-anna-2', 'ph-anna-1']);
    const first = r.json.items[0] as Row & { salespersonName: string; source: string };
    assert.deepEqual(
      [first.contactNumber, first.contactName, first.salespersonCode, first.salespersonName, first.source],
      ['CT000002', 'Lars Berg', 'MN', 'Maria Nielsen', 'manual'],
    );
    assert.equal(r.json.nextCursor, null);
  });

  it('filters by salesperson, contact, direction and days (UTC, both ends included)', async () => {
    assert.deepEqual(subjects(await search('?salespersonCode=MN')), ['tie-b', 'mn-lars']);
    assert.deepEqual(subjects(await search('?contactNumber=CT000001&direction=inbound')), ['anna-ph']);
    assert.deepEqual(subjects(await search('?direction=outbound&salespersonCode=PH')), [
      'tie-a',
      'ph-anna-2',
      'ph-anna-1',
    ]);
    assert.deepEqual(subjects(await search('?from=2025-03-02&to=2025-03-03')), ['mn-lars', 'ph-anna-2']);
    assert.deepEqual(subjects(await search('?to=2025-03-01')), ['ph-anna-1']);
    const reversed = await search('?from=2025-03-05&to=2025-03-01');
    assert.deepEqual([reversed.status, reversed.json.code], [400, 'validation_failed']);
  });

  it('filters on canceled, and cancel from the console shows up in the list', async () => {
    const c = await h.request('POST', `/api/v1/interactions/${entries['mn-lars']}/cancel`, {
      token: 'admin',
    });
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(subjects(await search('?canceled=true')), ['mn-lars']);
    assert.equal((await search('?canceled=false')).json.items.length, 5);
  });

  it('pages through everything with small pages, in order, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor = '';
    for (let pages = 0; ; pages++) {
      assert.ok(pages < 10);
      const r = await search(`?limit=2${cursor}`);
      assert.equal(r.status, 200, r.text);
      seen.push(...(r.json.items as Row[]).map((i) => i.entryNumber));
      if (!r.json.nextCursor) break;
      cursor = `&cursor=${r.json.nextCursor}`;
    }
    const all = (await search('')).json.items.map((i: Row) => i.entryNumber);
    assert.deepEqual(seen, all);
    assert.equal(new Set(seen).size, 6);
    const forged = await search(`?cursor=${Buffer.from('{"t":{"$gt":1}}').toString('base64url')}`);
    assert.equal(forged.status, 400);
  });

  it('is for admins only', async () => {
    const r = await search('', 'salesperson');
    assert.deepEqual([r.status, r.json.code], [403, 'forbidden']);
  });
});
