import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const report = (over: Record<string, unknown> = {}) => ({
  kind: 'blocked_by_policy',
  host: 'Outlook',
  platform: 'Web',
  hostVersion: '16.01',
  blockedOrigin: 'https://ajax.aspnetcdn.com',
  waitedMs: 8012,
  ...over,
});

describe('pane start failures: reported without a token, counted per host, listed for admins', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('panestart');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn, { seed: false });
  });
  after(() => h?.close());

  it('counts reports per kind and host (any case) and lists them newest first, for admins only', async () => {
    for (const body of [
      report(),
      report({ host: 'outlook', platform: 'web' }),
      report({
        kind: 'host_timeout',
        blockedOrigin: null,
        host: 'Outlook',
        platform: 'PC',
        hostVersion: '16.02',
      }),
    ]) {
      const r = await h.request('POST', '/api/v1/pane-start-failures', { body });
      assert.equal(r.status, 204, r.text);
    }
    const list = await h.request('GET', '/api/v1/pane-start-failures?days=7', { token: 'admin' });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.days, 7);
    const byKind = Object.fromEntries(list.json.items.map((i: { kind: string }) => [i.kind, i])) as Record<
      string,
      Record<string, unknown>
    >;
    assert.deepEqual(
      { ...byKind.blocked_by_policy, lastSeenAt: undefined },
      {
        kind: 'blocked_by_policy',
        host: 'outlook',
        platform: 'web',
        hostVersion: '16.01',
        blockedOrigin: 'https://ajax.aspnetcdn.com',
        count: 2,
        firstDay: new Date().toISOString().slice(0, 10),
        lastSeenAt: undefined,
      },
    );
    assert.equal(byKind.host_timeout?.count, 1);
    assert.equal(byKind.host_timeout?.platform, 'pc');
    assert.equal(list.json.items[0].kind, 'host_timeout', 'the most recent failure first');
    const sp = await h.request('GET', '/api/v1/pane-start-failures', { token: 'salesperson' });
    assert.equal(sp.status, 403);
  });

  it('refuses anything beyond short host tokens and an origin (no URLs, paths or free text are stored)', async () => {
    const before = await h.raw('paneStartFailures').countDocuments();
    for (const body of [
      report({ blockedOrigin: 'https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js?user=anna' }),
      report({ host: 'Outlook anna.jensen@fabrikam.example' }),
      report({ kind: 'anything' }),
      report({ subject: 'Quote for 40 chairs' }),
      report({ waitedMs: -1 }),
    ]) {
      const r = await h.request('POST', '/api/v1/pane-start-failures', { body });
      assert.deepEqual([r.status, r.json.code], [400, 'validation_failed'], JSON.stringify(body));
    }
    assert.equal(await h.raw('paneStartFailures').countDocuments(), before, 'nothing stored on refusal');
  });

  it('limits reports per client address (problem+json 429)', async () => {
    const limited = await startApiHarness(tdb().conn, { seed: false });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (await limited.request('POST', '/api/v1/pane-start-failures', { body: report() })).status,
        );
      assert.deepEqual(statuses, [...Array<number>(10).fill(204), 429, 429]);
      const r = await limited.request('POST', '/api/v1/pane-start-failures', { body: report() });
      assert.equal(r.json.code, 'rate_limited');
      const read = await limited.request('GET', '/api/v1/config');
      assert.equal(read.status, 200, 'the rest of the API is not limited by it');
    } finally {
      await limited.close();
    }
  });
});
