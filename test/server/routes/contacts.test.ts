import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

describe('contacts and salespeople: create, update, search, CSV import and export', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('contacts');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  const post = (body: object, token = 'salesperson') =>
    h.request('POST', '/api/v1/contacts', { token, body });
  const csv = (path: string, raw: string) =>
    h.request('POST', `/api/v1${path}`, { token: 'admin', raw, contentType: 'text/csv' });

  it('adds a contact from a sender: a CT number, the company found by name or created, the caller as salesperson', async () => {
    const r = await post({
      name: 'Jo Smith',
      kind: 'person',
      email: 'Jo.Smith@Tailspin.example',
      companyName: 'Tailspin Toys',
    });
    assert.equal(r.status, 201, r.text);
    assert.match(r.json.number, /^CT\d{6}$/);
    assert.deepEqual(
      [r.json.email, r.json.companyName, r.json.salesperson.code],
      ['jo.smith@tailspin.example', 'Tailspin Toys', 'PH'],
    );
    const company = await h.raw('contacts').findOne({ number: r.json.companyNumber });
    assert.deepEqual(
      [company?.kind, company?.name, company?.companyNumber],
      ['company', 'Tailspin Toys', r.json.companyNumber],
    );
    const colleague = await post({
      name: 'Kim Lee',
      kind: 'person',
      email: 'kim@tailspin.example',
      companyName: 'tailspin toys',
    });
    assert.equal(
      colleague.json.companyNumber,
      r.json.companyNumber,
      'the existing company is found by name, any case',
    );
    const existing = await post({
      name: 'Anna again',
      kind: 'person',
      email: 'anna.jensen@fabrikam.example',
    });
    assert.deepEqual([existing.status, existing.json.code], [409, 'contact_exists']);
    const alternate = await post({ name: 'Lars again', kind: 'person', email: 'LB@northwind.example' });
    assert.equal(alternate.json.code, 'contact_exists', 'alternate addresses count too');
  });

  it('updates alternate addresses (normalised, no duplicates of the primary), the privacy block only as admin', async () => {
    const r = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'salesperson',
      body: {
        alternateEmails: ['Anna@Fabrikam.example', 'anna.jensen@fabrikam.example', 'anna@fabrikam.example'],
      },
    });
    assert.deepEqual(r.json.alternateEmails, ['anna@fabrikam.example']);
    const found = await h.request('GET', '/api/v1/contacts?search=anna@fabrikam.example', {
      token: 'salesperson',
    });
    assert.deepEqual(
      found.json.items.map((c: { number: string }) => c.number),
      ['CT000001'],
    );
    const block = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'salesperson',
      body: { privacyBlocked: true },
    });
    assert.deepEqual([block.status, block.json.code], [403, 'forbidden']);
    const taken = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'salesperson',
      body: { email: 'lars.berg@northwind.example' },
    });
    assert.equal(taken.json.code, 'contact_exists');
    const injected = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'salesperson',
      body: { name: { $set: 'x' } },
    });
    assert.equal(injected.status, 400);
    const unknownKey = await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'salesperson',
      body: { $set: { name: 'x' } },
    });
    assert.deepEqual([unknownKey.status, unknownKey.json.errors[0].path], [400, 'body']);
    assert.equal((await h.raw('contacts').findOne({ number: 'CT000001' }))?.name, 'Anna Jensen');
  });

  it('searches by name prefix (any case, regex characters are plain text) and by number, in pages', async () => {
    const byName = await h.request('GET', '/api/v1/contacts?search=LARS', { token: 'salesperson' });
    assert.deepEqual(
      byName.json.items.map((c: { name: string }) => c.name),
      ['Lars Berg'],
    );
    const regex = await h.request('GET', `/api/v1/contacts?search=${encodeURIComponent('.*')}`, {
      token: 'salesperson',
    });
    assert.deepEqual(regex.json.items, []);
    const byNumber = await h.request('GET', '/api/v1/contacts?search=ct000200', { token: 'salesperson' });
    assert.deepEqual(
      byNumber.json.items.map((c: { name: string }) => c.name),
      ['Northwind'],
    );
    const all: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await h.request('GET', `/api/v1/contacts?limit=2${cursor}`, { token: 'salesperson' });
      all.push(...page.json.items.map((c: { number: string }) => c.number));
      if (!page.json.nextCursor) break;
      cursor = `&cursor=${page.json.nextCursor}`;
    }
    assert.deepEqual(all, [...all].sort());
    assert.equal(new Set(all).size, await h.raw('contacts').countDocuments({}));
  });

  it('imports contacts from CSV all or nothing, reporting every problem by line and column', async () => {
    const bad = [
      'number,kind,name,companyNumber,email,salespersonCode,privacyBlocked',
      'CT900001,company,Contoso Pharma,,info@pharma.example,PH,false',
      'CT900002,person,,CT900001,not-an-address,ZZ,maybe',
      'CT900003,robot,Robo,CT404040,robo@pharma.example,,',
      'CT900001,company,Twice,,,,',
    ].join('\n');
    const r = await csv('/contacts/import', bad);
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.code, 'import_invalid');
    assert.deepEqual(r.json.errors.map((e: { path: string }) => e.path).sort(), [
      '3.email',
      '3.name',
      '3.privacyBlocked',
      '3.salespersonCode',
      '4.companyNumber',
      '4.kind',
      '5.number',
    ]);
    assert.equal(await h.raw('contacts').countDocuments({ number: /^CT9/ }), 0, 'nothing was written');
    const header = await csv('/contacts/import', 'kind,name,colour\nperson,A,red\n');
    assert.deepEqual(
      header.json.errors.map((e: { path: string }) => e.path),
      ['1.colour'],
    );

    const good = [
      'number,kind,name,companyNumber,email,alternateEmails,phone,salespersonCode',
      'CT900001,company,Contoso Pharma,,info@pharma.example,,,PH',
      "CT900002,person,Eva Holm,CT900001,Eva@Pharma.example,eva.holm@pharma.example;EVA@pharma.example,'+45 1234,MN",
      ',person,No Number,CT000100,nn@fabrikam.example,,,',
      'CT000002,person,Lars B. Berg,CT000200,lars.berg@northwind.example,lb@northwind.example,,MN',
    ].join('\r\n');
    const ok = await csv('/contacts/import', good);
    assert.deepEqual([ok.status, ok.json], [200, { created: 3, updated: 1, unchanged: 0 }], ok.text);
    const eva = await h.raw('contacts').findOne({ number: 'CT900002' });
    assert.deepEqual(
      [eva?.email, eva?.alternateEmails, eva?.companyName, eva?.phone],
      ['eva@pharma.example', ['eva.holm@pharma.example'], 'Contoso Pharma', '+45 1234'],
    );
    assert.equal((await h.raw('contacts').findOne({ number: 'CT000002' }))?.name, 'Lars B. Berg');
  });

  it('exports contacts as CSV that imports again unchanged, with formula cells neutralised', async () => {
    await h.request('PATCH', '/api/v1/contacts/CT000001', {
      token: 'admin',
      body: { phone: '=HYPERLINK("http://x")' },
    });
    const r = await h.request('GET', '/api/v1/contacts/export', { token: 'admin' });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="contacts.csv"/);
    const rows = parse(r.text, { columns: true }) as Record<string, string>[];
    assert.equal(rows.find((row) => row.number === 'CT000001')?.phone, '\'=HYPERLINK("http://x")');
    const before = await h
      .raw('contacts')
      .find({}, { projection: { _id: 0, createdAt: 0, updatedAt: 0, __v: 0 } })
      .sort({ number: 1 })
      .toArray();
    const again = await csv('/contacts/import', r.text);
    assert.deepEqual(again.json, { created: 0, updated: 0, unchanged: rows.length });
    const after = await h
      .raw('contacts')
      .find({}, { projection: { _id: 0, createdAt: 0, updatedAt: 0, __v: 0 } })
      .sort({ number: 1 })
      .toArray();
    assert.deepEqual(after, before);
  });

  it('manages salespeople: create (unique code), update, search, CSV round trip; admins only for changes', async () => {
    const made = await h.request('POST', '/api/v1/salespeople', {
      token: 'admin',
      body: { code: 'KL', name: 'Kim Larsen', email: 'Kim@Contoso.example' },
    });
    assert.deepEqual([made.status, made.json.email, made.json.active], [201, 'kim@contoso.example', true]);
    const dup = await h.request('POST', '/api/v1/salespeople', {
      token: 'admin',
      body: { code: 'KL', name: 'Other' },
    });
    assert.deepEqual([dup.status, dup.json.code], [409, 'salesperson_exists']);
    const lower = await h.request('POST', '/api/v1/salespeople', {
      token: 'admin',
      body: { code: 'kl2', name: 'x' },
    });
    assert.equal(lower.status, 400);
    const off = await h.request('PATCH', '/api/v1/salespeople/KL', {
      token: 'admin',
      body: { active: false },
    });
    assert.equal(off.json.active, false);
    const search = await h.request('GET', '/api/v1/salespeople?search=kim', { token: 'salesperson' });
    assert.deepEqual(
      search.json.items.map((s: { code: string }) => s.code),
      ['KL'],
    );
    assert.equal(
      (await h.request('PATCH', '/api/v1/salespeople/KL', { token: 'salesperson', body: { active: true } }))
        .status,
      403,
    );

    const exported = await h.request('GET', '/api/v1/salespeople/export', { token: 'admin' });
    assert.match(exported.text, /^code,name,email,active,entraTenantId,entraObjectId\r\n/);
    const edited = exported.text.replace('Kim Larsen', 'Kim B. Larsen') + 'NEW,New Person,,false,,\r\n';
    const imported = await csv('/salespeople/import', edited);
    assert.deepEqual(imported.json, { created: 1, updated: 1, unchanged: 2 });
    assert.equal((await h.raw('salespeople').findOne({ code: 'KL' }))?.name, 'Kim B. Larsen');
    const wrongType = await h.request('POST', '/api/v1/salespeople/import', {
      token: 'admin',
      body: { csv: 'x' },
    });
    assert.deepEqual([wrongType.status, wrongType.json.code], [415, 'unsupported_media_type']);
  });

  it('with onError=skip imports the valid rows and reports the invalid ones by line (people of a skipped company too)', async () => {
    const file = [
      'number,kind,name,companyNumber,email,salespersonCode',
      'CT910001,company,Skip Co,,info@skipco.example,PH',
      'CT910002,person,Bad Address,CT910001,not-an-address,',
      'CT910003,company,,,,',
      'CT910004,person,Orphan,CT910003,orphan@skipco.example,',
      'CT910005,person,Too,,too@skipco.example,,extra',
      'CT910006,person,Good Person,CT910001,good@skipco.example,MN',
    ].join('\n');
    const r = await h.request('POST', '/api/v1/contacts/import?onError=skip', {
      token: 'admin',
      raw: file,
      contentType: 'text/csv',
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.created, r.json.updated, r.json.skipped], [2, 0, 4]);
    assert.deepEqual(r.json.problems.map((p: { path: string }) => p.path).sort(), [
      '3.email',
      '4.name',
      '5.companyNumber',
      '6.*',
    ]);
    const written = await h
      .raw('contacts')
      .find({ number: /^CT9100/ })
      .sort({ number: 1 })
      .toArray();
    assert.deepEqual(
      written.map((c) => [c.number, c.companyName]),
      [
        ['CT910001', 'Skip Co'],
        ['CT910006', 'Skip Co'],
      ],
    );
    const header = await h.request('POST', '/api/v1/contacts/import?onError=skip', {
      token: 'admin',
      raw: 'kind,name,colour\nperson,A,red\n',
      contentType: 'text/csv',
    });
    assert.deepEqual(
      [header.status, header.json.code],
      [422, 'import_invalid'],
      'a bad header is still refused',
    );
    const sp = await h.request('POST', '/api/v1/salespeople/import?onError=skip', {
      token: 'admin',
      raw: 'code,name,email\nSK1,Skip One,\nsk2,Lower Case,\nSK1,Twice,\n',
      contentType: 'text/csv',
    });
    assert.deepEqual([sp.status, sp.json.created, sp.json.skipped], [200, 1, 2], sp.text);
    assert.deepEqual(
      sp.json.problems.map((p: { path: string }) => p.path),
      ['3.code', '4.code'],
    );
    const wrongMode = await h.request('POST', '/api/v1/salespeople/import?onError=maybe', {
      token: 'admin',
      raw: 'code,name\nSK9,X\n',
      contentType: 'text/csv',
    });
    assert.equal(wrongMode.status, 400);
  });
});
