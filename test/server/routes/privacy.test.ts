// Data-subject rights through the HTTP API: a contact seeded with entries, an opportunity, audit lines, a
// quarantined message naming them, an intent the loop has yet to write and a blocklist entry; its export holds
// every entry; after its erasure no collection of the database holds its addresses, name or number.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { mongo } from 'mongoose';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import { MAILBOX, messageRef } from './samples.js';

const PERSON = { name: 'Jolene Smithfield', email: 'jolene.smithfield@tailspin.example' };
const ALTERNATE = 'jolene@tailspin.example';

describe('data-subject rights: export and erase a contact', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('privacy');
  let h: ApiHarness;
  let number: string;
  const entryNumbers: number[] = [];
  before(async () => {
    h = await startApiHarness(tdb().conn);
    const templates = await h.request('PUT', '/api/v1/settings', {
      token: 'admin',
      body: {
        interactionTemplates: [
          { code: 'E-MAILS', description: 'E-mails', groupCode: 'SALES', cost: 2.5, durationMin: 4 },
        ],
        emailTemplate: 'E-MAILS',
      },
    });
    assert.equal(templates.status, 200, templates.text);
    const created = await h.request('POST', '/api/v1/contacts', {
      token: 'salesperson',
      body: { ...PERSON, kind: 'person', companyName: 'Tailspin Toys' },
    });
    assert.equal(created.status, 201, created.text);
    number = created.json.number;
    const updated = await h.request('PATCH', `/api/v1/contacts/${number}`, {
      token: 'admin',
      body: { alternateEmails: [ALTERNATE], phone: '+45 11 22 33 44' },
    });
    assert.equal(updated.status, 200, updated.text);
    for (let i = 0; i < 3; i++) {
      const r = await h.request('POST', '/api/v1/log-email', {
        token: 'admin',
        body: messageRef({
          subject: `Pricing for ${PERSON.name} #${i}`,
          to: [{ address: i === 2 ? ALTERNATE : PERSON.email, name: PERSON.name }],
        }),
      });
      assert.equal(r.status, 200, r.text);
      entryNumbers.push(r.json.entries[0].entryNumber);
    }
    const cancel = await h.request('POST', `/api/v1/interactions/${entryNumbers[0]}/cancel`, {
      token: 'admin',
    });
    assert.equal(cancel.status, 200, cancel.text);
    const opp = await h.request('POST', '/api/v1/opportunities', {
      token: 'admin',
      body: { contactNumber: number, description: `Deal with ${PERSON.name}` },
    });
    assert.equal(opp.status, 201, opp.text);
    const link = await h.request('POST', `/api/v1/interactions/${entryNumbers[1]}/link-opportunity`, {
      token: 'admin',
      body: { opportunityNumber: opp.json.number },
    });
    assert.equal(link.status, 200, link.text);
    const setup = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: { policy: { blocklist: ['@spam.example', ALTERNATE] } },
    });
    assert.ok(setup.status < 300, setup.text);
    // What the loop leaves behind (written as the loop writes them): a quarantined message naming the person,
    // an intent with an entry for them, a cached X.500 answer with their address.
    await h.raw('messageStates').insertOne({
      _id: `${MAILBOX}#AAMk-q1` as never,
      mailbox: MAILBOX,
      messageId: 'AAMk-q1',
      internetMessageId: '<q1@tailspin.example>',
      subject: `Re: ${PERSON.name} contract`,
      state: 'quarantined',
      reason: 'Moving failed',
      code: 'move_failed',
      attempts: 5,
      inInbox: false,
      releasedBy: null,
      releasedAt: null,
      updatedAt: new Date(),
    });
    await h.raw('pendingArchives').insertOne({
      _id: `${MAILBOX}#page1` as never,
      mailbox: MAILBOX,
      messages: [
        {
          messageId: 'AAMk-p1',
          messageKey: '<p1@contoso.example>',
          entries: [{ contactNumber: number, salespersonCode: 'PH', subject: `Hi ${PERSON.name}` }],
        },
      ],
      createdAt: new Date(),
    });
    await h.raw('legacyDns').insertOne({
      _id: '/o=exchangelabs/cn=recipients/cn=jolene' as never,
      address: PERSON.email,
      resolvedAt: new Date(),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
  });
  after(() => h?.close());

  it('exports everything stored about the contact as JSON: contact, every entry, opportunities, audit lines', async () => {
    const r = await h.request('GET', `/api/v1/contacts/${number}/data`, { token: 'admin' });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="contact-CT\d+\.json"/);
    const data = JSON.parse(r.text);
    assert.equal(data.contact.number, number);
    assert.deepEqual(data.contact.alternateEmails, [ALTERNATE]);
    assert.deepEqual(
      data.entries.map((e: { entryNumber: number }) => e.entryNumber).sort(),
      [...entryNumbers].sort(),
    );
    for (const e of data.entries) {
      assert.match(e.subject, /^Pricing for Jolene Smithfield #\d$/);
      // The interaction template each entry was logged with (issue 16).
      assert.deepEqual(
        [e.templateCode, e.templateDescription, e.interactionGroupCode, e.cost, e.durationMin],
        ['E-MAILS', 'E-mails', 'SALES', 2.5, 4],
      );
    }
    assert.equal(data.opportunities.length, 1);
    const actions = data.audit.map((a: { action: string }) => a.action);
    for (const a of ['contact.create', 'contact.update', 'entry.cancel', 'entry.link', 'opportunity.create'])
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    assert.ok(data.audit.every((a: { contactNumber: string }) => a.contactNumber === number));
  });

  it('exports the same as CSV, one row per stored field', async () => {
    const r = await h.request('GET', `/api/v1/contacts/${number}/data?format=csv`, { token: 'admin' });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
    const rows = parse(r.text, { columns: true }) as {
      record: string;
      key: string;
      field: string;
      value: string;
    }[];
    const entries = new Set(rows.filter((x) => x.record === 'entry').map((x) => Number(x.key)));
    assert.deepEqual([...entries].sort(), [...entryNumbers].sort());
    assert.ok(rows.some((x) => x.record === 'contact' && x.field === 'email' && x.value === PERSON.email));
    assert.ok(rows.some((x) => x.record === 'opportunity' && x.field === 'description'));
    for (const [field, value] of [
      ['templateCode', 'E-MAILS'],
      ['templateDescription', 'E-mails'],
      ['cost', '2.5'],
      ['durationMin', '4'],
    ]) {
      const values = rows.filter((x) => x.record === 'entry' && x.field === field).map((x) => x.value);
      assert.deepEqual(
        values,
        entryNumbers.map(() => value),
        field,
      );
    }
    assert.ok(rows.some((x) => x.record === 'audit' && x.field === 'action' && x.value === 'contact.export'));
  });

  it('is for admins only and answers 404 for a contact that never existed', async () => {
    const salesperson = await h.request('GET', `/api/v1/contacts/${number}/data`, { token: 'salesperson' });
    assert.deepEqual([salesperson.status, salesperson.json.code], [403, 'forbidden']);
    const erase = await h.request('DELETE', `/api/v1/contacts/${number}`, { token: 'salesperson' });
    assert.deepEqual([erase.status, erase.json.code], [403, 'forbidden']);
    const missing = await h.request('DELETE', '/api/v1/contacts/CT999999', { token: 'admin' });
    assert.deepEqual([missing.status, missing.json.code], [404, 'not_found']);
  });

  it('erases the contact: no collection holds its addresses, name or number; the audit line only counts', async () => {
    const r = await h.request('DELETE', `/api/v1/contacts/${number}`, { token: 'admin' });
    assert.equal(r.status, 200, r.text);
    const report = r.json;
    assert.deepEqual(
      [report.entries, report.opportunities, report.messageStates, report.pendingEntries, report.blocklists],
      [3, 1, 1, 1, 1],
    );
    // Logged by hand: the mail is in the salespeople's own mailboxes, three messages.
    assert.deepEqual(
      report.mail.map((m: { mailbox: string | null; messages: number }) => [m.mailbox, m.messages]),
      [[null, 3]],
    );

    const needles = [PERSON.email, ALTERNATE, PERSON.name, number].map((n) => n.toLowerCase());
    const collections = await h.db.conn.db!.listCollections().toArray();
    assert.ok(collections.length >= 10, 'every collection is scanned');
    const found: string[] = [];
    for (const c of collections) {
      for (const doc of await h.raw(c.name).find({}).toArray()) {
        const text = mongo.BSON.EJSON.stringify(doc).toLowerCase();
        for (const n of needles) if (text.includes(n)) found.push(`${c.name}: ${n} in ${text.slice(0, 300)}`);
      }
    }
    assert.deepEqual(found, []);

    const erasure = await h.raw('audit').findOne({ action: 'contact.erase' });
    assert.equal(erasure?.targetId, report.erasureId);
    assert.deepEqual(erasure?.detail, {
      entries: 3,
      opportunities: 1,
      detachedEntries: 0,
      detachedPeople: 0,
      messageStates: 1,
      pendingEntries: 1,
      blocklists: 1,
    });
    // The blocklist keeps its other entries; the company and other contacts stay.
    const setup = await h.raw('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.deepEqual(setup?.policy.blocklist, ['@spam.example']);
    assert.ok(await h.raw('contacts').findOne({ name: 'Tailspin Toys' }));
    assert.ok(await h.raw('contacts').findOne({ number: 'CT000001' }));
  });

  it('keeps the erased contact findable in the audit log by its erasure id only', async () => {
    const erasure = await h.raw('audit').findOne({ action: 'contact.erase' });
    const r = await h.request('GET', `/api/v1/audit?targetType=contact&targetId=${erasure!.targetId}`, {
      token: 'admin',
    });
    assert.equal(r.status, 200, r.text);
    const actions = r.json.items.map((a: { action: string }) => a.action);
    assert.equal(actions[0], 'contact.erase');
    assert.ok(actions.includes('contact.create'));
    assert.ok(r.json.items.every((a: { contactNumber: string | null }) => a.contactNumber === null));
    const again = await h.request('GET', `/api/v1/contacts/${number}/data`, { token: 'admin' });
    assert.equal(again.status, 404);
  });
  it('erases a company: its people, their entries and opportunities stay, without it', async () => {
    const person = await h.request('POST', '/api/v1/contacts', {
      token: 'admin',
      body: {
        name: 'Kim Lee',
        kind: 'person',
        email: 'kim.lee@wingtip.example',
        companyName: 'Wingtip Aerospace',
      },
    });
    assert.equal(person.status, 201, person.text);
    const company = person.json.companyNumber as string;
    const logged = await h.request('POST', '/api/v1/log-email', {
      token: 'admin',
      body: messageRef({ to: [{ address: 'kim.lee@wingtip.example', name: 'Kim Lee' }] }),
    });
    assert.equal(logged.status, 200, logged.text);
    const entry = logged.json.entries[0].entryNumber as number;
    const opp = await h.request('POST', '/api/v1/opportunities', {
      token: 'admin',
      body: { contactNumber: company, description: 'Fleet deal' },
    });
    assert.equal(opp.status, 201, opp.text);
    const link = await h.request('POST', `/api/v1/interactions/${entry}/link-opportunity`, {
      token: 'admin',
      body: { opportunityNumber: opp.json.number },
    });
    assert.equal(link.status, 200, link.text);

    const r = await h.request('DELETE', `/api/v1/contacts/${company}`, { token: 'admin' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.entries, r.json.opportunities, r.json.detachedPeople], [0, 1, 1]);
    const kim = await h.raw('contacts').findOne({ number: person.json.number });
    assert.deepEqual([kim?.companyNumber, kim?.companyName], [null, null]);
    const kept = await h.raw('interactions').findOne({ entryNumber: entry });
    assert.deepEqual([kept?.contactCompanyNumber, kept?.opportunityNumber], [null, null]);
    assert.equal(await h.raw('claims').countDocuments({ _id: `entry-opportunity#${entry}` as never }), 0);
    for (const c of await h.db.conn.db!.listCollections().toArray()) {
      const text = mongo.BSON.EJSON.stringify(await h.raw(c.name).find({}).toArray()).toLowerCase();
      assert.ok(!text.includes('wingtip aerospace') && !text.includes(company.toLowerCase()), c.name);
    }
  });
});
