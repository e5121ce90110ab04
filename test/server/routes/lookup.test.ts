import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { messageRef } from './samples.js';

describe('task pane reads: lookup, contact history, interaction detail', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('lookup');
  let h: ApiHarness;
  const refs = Array.from({ length: 7 }, (_, i) =>
    messageRef({ subject: `Mail ${i}`, sentDateTime: `2025-03-0${i + 1}T09:00:00Z` }),
  );
  before(async () => {
    h = await startApiHarness(tdb().conn);
    for (const ref of refs) await h.request('POST', '/api/v1/log-email', { token: 'salesperson', body: ref });
    await h.request('POST', '/api/v1/opportunities', {
      token: 'salesperson',
      body: { contactNumber: 'CT000001', description: 'Open one' },
    });
  });
  after(() => h?.close());

  const lookup = (body: object) => h.request('POST', '/api/v1/lookup', { token: 'salesperson', body });

  it('answers contacts in address order (each once), unknown addresses, recent entries, open opportunities, logged state', async () => {
    const r = await lookup({
      addresses: [
        'lb@northwind.example',
        'nobody@nowhere.example',
        'ANNA.JENSEN@fabrikam.example',
        'lars.berg@northwind.example',
      ],
      internetMessageId: refs[6]!.internetMessageId,
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.contacts.map((c: { number: string }) => c.number),
      ['CT000002', 'CT000001'],
    );
    assert.deepEqual(r.json.unknownAddresses, ['nobody@nowhere.example']);
    const anna = r.json.contacts[1];
    assert.deepEqual(
      [anna.companyNumber, anna.companyName, anna.salesperson, anna.privacyBlocked],
      ['CT000100', 'Fabrikam', { code: 'PH', name: 'Peter Hansen' }, false],
    );
    const recent = r.json.recentInteractions.CT000001;
    assert.deepEqual(
      recent.map((e: { subject: string }) => e.subject),
      ['Mail 6', 'Mail 5', 'Mail 4', 'Mail 3', 'Mail 2'],
    );
    assert.equal(recent[0].salespersonName, 'Peter Hansen');
    assert.deepEqual(r.json.recentInteractions.CT000002, []);
    assert.deepEqual(
      r.json.openOpportunities.CT000001.map((o: { description: string }) => o.description),
      ['Open one'],
    );
    assert.equal(r.json.logged.isLogged, true);
    assert.deepEqual(
      r.json.logged.entries.map((e: { contactNumber: string }) => e.contactNumber),
      ['CT000001'],
    );
    const notLogged = await lookup({
      addresses: ['anna.jensen@fabrikam.example'],
      internetMessageId: '<never@x>',
    });
    assert.deepEqual(notLogged.json.logged, { isLogged: false, entries: [] });
  });

  it('shows a privacy-blocked contact without history or opportunities', async () => {
    await h.request('PATCH', '/api/v1/contacts/CT000001', { token: 'admin', body: { privacyBlocked: true } });
    try {
      const r = await lookup({ addresses: ['anna.jensen@fabrikam.example'] });
      assert.equal(r.json.contacts[0].privacyBlocked, true);
      assert.deepEqual(r.json.recentInteractions.CT000001, []);
      assert.deepEqual(r.json.openOpportunities.CT000001, []);
      const history = await h.request('GET', '/api/v1/contacts/CT000001/interactions', {
        token: 'salesperson',
      });
      assert.deepEqual(history.json, { items: [], nextCursor: null });
      const first = await h.raw('interactions').findOne({ contactNumber: 'CT000001' });
      const detail = await h.request('GET', `/api/v1/interactions/${first!.entryNumber}`, {
        token: 'salesperson',
      });
      assert.deepEqual([detail.status, detail.json.code], [409, 'privacy_blocked']);
    } finally {
      await h.request('PATCH', '/api/v1/contacts/CT000001', {
        token: 'admin',
        body: { privacyBlocked: false },
      });
    }
  });

  it('pages a contact history newest first with an opaque cursor, no repeats, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `&cursor=${cursor}` : '';
      const page = await h.request('GET', `/api/v1/contacts/CT000001/interactions?limit=3${qs}`, {
        token: 'salesperson',
      });
      assert.equal(page.status, 200, page.text);
      seen.push(...page.json.items.map((e: { subject: string }) => e.subject));
      cursor = page.json.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ['Mail 6', 'Mail 5', 'Mail 4', 'Mail 3', 'Mail 2', 'Mail 1', 'Mail 0']);
    const forged = Buffer.from(JSON.stringify({ t: { $gt: '' }, n: 1 })).toString('base64url');
    const r = await h.request('GET', `/api/v1/contacts/CT000001/interactions?cursor=${forged}`, {
      token: 'salesperson',
    });
    assert.deepEqual(
      [r.status, r.json.code, r.json.errors[0].path],
      [400, 'validation_failed', 'query.cursor'],
    );
    assert.equal(
      (await h.request('GET', '/api/v1/contacts/CT999999/interactions', { token: 'salesperson' })).status,
      404,
    );
    assert.equal(
      (await h.request('GET', '/api/v1/contacts/CT000001/interactions?limit=51', { token: 'salesperson' }))
        .status,
      400,
    );
  });

  it('gives the detail of an entry with the link to the archived mail once archived, https links only', async () => {
    const entry = (await h.raw('interactions').findOne({ messageKey: refs[0]!.internetMessageId }))!;
    const before = await h.request('GET', `/api/v1/interactions/${entry.entryNumber}`, {
      token: 'salesperson',
    });
    assert.deepEqual(
      [before.json.hasLink, before.json.contactName, before.json.message],
      [
        false,
        'Anna Jensen',
        { internetMessageId: refs[0]!.internetMessageId, immutableId: null, webLink: null, mailbox: null },
      ],
    );
    const set = (webLink: string) =>
      h.raw('interactions').updateOne(
        { entryNumber: entry.entryNumber },
        {
          $set: {
            archiveState: 'archived',
            'message.immutableId': 'AAMk1',
            'message.webLink': webLink,
            'message.mailbox': 'log@x.example',
          },
        },
      );
    await set('https://outlook.office365.com/owa/?ItemID=AAMk1');
    const after = await h.request('GET', `/api/v1/interactions/${entry.entryNumber}`, {
      token: 'salesperson',
    });
    assert.deepEqual(
      [after.json.hasLink, after.json.message.webLink],
      [true, 'https://outlook.office365.com/owa/?ItemID=AAMk1'],
    );
    await set('javascript:alert(1)');
    const unsafe = await h.request('GET', `/api/v1/interactions/${entry.entryNumber}`, {
      token: 'salesperson',
    });
    assert.equal(unsafe.json.message.webLink, null);
  });

  it('cancels and restores an entry', async () => {
    const entry = (await h.raw('interactions').findOne({ messageKey: refs[1]!.internetMessageId }))!;
    const c = await h.request('POST', `/api/v1/interactions/${entry.entryNumber}/cancel`, {
      token: 'salesperson',
    });
    assert.deepEqual([c.status, c.json.canceled], [200, true]);
    const u = await h.request('POST', `/api/v1/interactions/${entry.entryNumber}/uncancel`, {
      token: 'salesperson',
    });
    assert.equal(u.json.canceled, false);
    assert.equal(
      (await h.request('POST', '/api/v1/interactions/99999/cancel', { token: 'salesperson' })).status,
      404,
    );
    const body = await h.request('POST', `/api/v1/interactions/${entry.entryNumber}/cancel`, {
      token: 'salesperson',
      body: { x: 1 },
    });
    assert.equal(body.status, 400, 'a route without a body refuses one');
  });
});
