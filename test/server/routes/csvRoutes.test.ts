import assert from 'node:assert/strict';
import type { HandlerContext } from '../../../server/routes/route.js';
import { csvTransferRoutes } from '../../../server/routes/csvRoutes.js';
import type { ImportOptions } from '../../../server/services/transfers.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

// The handlers only read body and query; the rest of the context is never touched.
const ctx = (body: unknown, query: unknown) =>
  ({ body, query }) as unknown as HandlerContext<never, never, never>;

describe('csvTransferRoutes: the CSV export and import pair of a master-data list', () => {
  const imports: [string, ImportOptions][] = [];
  const unused = () => Promise.reject(new Error("the contacts' transfers were called"));
  const transfers = {
    exportSalespeople: async () => 'code,name\r\nPH,Peter\r\n',
    importSalespeople: async (csv: string, options: ImportOptions = {}) => {
      imports.push([csv, options]);
      return { created: 1, updated: 0, unchanged: 0 };
    },
    exportContacts: unused,
    importContacts: unused,
  };
  const [exportRoute, importRoute] = csvTransferRoutes(transfers, 'salespeople');

  it('names, places and guards both routes like the route table says (admins only, CSV body)', () => {
    assert.deepEqual(
      [exportRoute, importRoute].map((r) => [r!.name, r!.method, r!.path, r!.tag, r!.access]),
      [
        ['exportSalespeople', 'get', '/salespeople/export', 'salespeople', 'admin'],
        ['importSalespeople', 'post', '/salespeople/import', 'salespeople', 'admin'],
      ],
    );
    assert.equal(importRoute!.bodyType, 'csv');
    assert.deepEqual(importRoute!.errors, [413, 415, 422]);
  });

  it('exports a download named after the list', async () => {
    const reply = await exportRoute!.handle(ctx(undefined, {}));
    assert.deepEqual(reply, {
      file: {
        contentType: 'text/csv; charset=utf-8',
        filename: 'salespeople.csv',
        content: 'code,name\r\nPH,Peter\r\n',
      },
    });
  });

  it('imports all or nothing unless onError=skip is asked for, and only previews with dryRun=true', async () => {
    imports.length = 0;
    assert.deepEqual(await importRoute!.handle(ctx('a', {})), {
      body: { created: 1, updated: 0, unchanged: 0 },
    });
    await importRoute!.handle(ctx('b', { onError: 'skip' }));
    await importRoute!.handle(ctx('c', { dryRun: 'true' }));
    await importRoute!.handle(ctx('d', { onError: 'skip', dryRun: 'false' }));
    assert.deepEqual(imports, [
      ['a', { onError: 'reject', dryRun: false }],
      ['b', { onError: 'skip', dryRun: false }],
      ['c', { onError: 'reject', dryRun: true }],
      ['d', { onError: 'skip', dryRun: false }],
    ]);
  });
});

describe('CSV import through the API: preview (dryRun), all or nothing, skip, company links, unchanged rows', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('csvimport');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
    await h.request('GET', '/api/v1/contacts', { token: 'admin' }); // whatever a first admin call records
  });
  after(() => h?.close());

  const upload = (list: string, csv: string, query = '') =>
    h.request('POST', `/api/v1/${list}/import${query}`, {
      token: 'admin',
      raw: csv,
      contentType: 'text/csv',
    });
  /** Every document of every collection, to show that a call wrote nothing. */
  const everything = async () => {
    const db = tdb().conn.db!;
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
    return Promise.all(names.map(async (n) => [n, await db.collection(n).find({}).toArray()]));
  };
  const contact = (number: string) =>
    h.raw('contacts').findOne({ number }, { projection: { _id: 0, createdAt: 0, __v: 0 } });
  const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

  const FILE = [
    'number,kind,name,companyNumber,companyName,email,alternateEmails,phone,salespersonCode,privacyBlocked',
    'CT000100,company,Fabrikam,CT000100,Fabrikam,INFO@fabrikam.example,,,PH,false', // unchanged (as stored)
    'CT000001,person,Anna M. Jensen,CT000100,,anna.jensen@fabrikam.example,,,PH,', // changed: the name
    'CT920001,person,Nils Nord,,  NORTHWIND ,nils@northwind.example,,,MN,', // new, linked by company name
    ',person,Olga Ost,,Unknown Ltd,olga@unknown.example,,,,', // new, no company of that name
    'CT920002,person,Bad Row,,,not-an-address,,,ZZ,', // invalid twice
  ].join('\r\n');

  it('previews what the import would do (new, changed, unchanged, invalid with its problems) and writes nothing', async () => {
    const before = await everything();
    const r = await upload('contacts', FILE, '?dryRun=true');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      { ...r.json, problems: paths(r.json.problems) },
      {
        created: 2,
        updated: 1,
        unchanged: 1,
        skipped: 1,
        problems: ['6.email', '6.salespersonCode'],
        dryRun: true,
      },
    );
    assert.deepEqual(r.json.problems[1], {
      path: '6.salespersonCode',
      message: 'No salesperson has this code',
    });
    const skipPreview = await upload('contacts', FILE, '?dryRun=true&onError=skip');
    assert.deepEqual(skipPreview.json, r.json, 'a preview counts as the valid-rows-only import would');
    const sp = await upload(
      'salespeople',
      'code,name,email\nPH,Peter Hansen,peter.hansen@contoso.example\nMN,Maria N.,\nNEW,New One,\n',
      '?dryRun=true',
    );
    assert.deepEqual(sp.json, {
      created: 1,
      updated: 1,
      unchanged: 1,
      skipped: 0,
      problems: [],
      dryRun: true,
    });
    assert.deepEqual(await everything(), before, 'no contact, number, salesperson or audit line was written');
  });

  it('imports all or nothing when confirmed: one invalid row and nothing is written', async () => {
    const before = await everything();
    const r = await upload('contacts', FILE);
    assert.deepEqual([r.status, r.json.code], [422, 'import_invalid'], r.text);
    assert.deepEqual(paths(r.json.errors), ['6.email', '6.salespersonCode']);
    assert.deepEqual(await everything(), before);
  });

  it('imports the valid rows only when asked (skip), linking a person to the company its row names', async () => {
    const r = await upload('contacts', FILE, '?onError=skip');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.created, r.json.updated, r.json.unchanged, r.json.skipped], [2, 1, 1, 1]);
    assert.equal(r.json.dryRun, undefined);
    assert.equal((await contact('CT000001'))?.name, 'Anna M. Jensen');
    const nils = await contact('CT920001');
    assert.deepEqual([nils?.companyNumber, nils?.companyName], ['CT000200', 'Northwind']);
    const olga = await h.raw('contacts').findOne({ email: 'olga@unknown.example' });
    assert.deepEqual([olga?.companyNumber, olga?.companyName], [null, 'Unknown Ltd']);
    assert.equal(await h.raw('contacts').countDocuments({ number: 'CT920002' }), 0);
    const [audit] = await h.raw('audit').find({ action: 'list.import' }).toArray();
    assert.deepEqual(audit?.detail, { created: 2, updated: 1, skipped: 1 }, 'the preview was not audited');
  });

  it('links a person to a company of the same file by name, and to none when the name is a person', async () => {
    const file = [
      'number,kind,name,companyName,email',
      'CT930001,company,Tailwind Traders,,info@tailwind.example',
      'CT930002,person,Tom Tail,tailwind traders,tom@tailwind.example',
      'CT930003,person,Ann Other,Anna M. Jensen,ann@other.example',
    ].join('\n');
    const r = await upload('contacts', file);
    assert.deepEqual(r.json, { created: 3, updated: 0, unchanged: 0 }, r.text);
    const tom = await contact('CT930002');
    assert.deepEqual([tom?.companyNumber, tom?.companyName], ['CT930001', 'Tailwind Traders']);
    assert.equal((await contact('CT930003'))?.companyNumber, null);
  });

  it('reports an unchanged re-import as unchanged and does not touch the records', async () => {
    for (const list of ['contacts', 'salespeople']) {
      const exported = await h.request('GET', `/api/v1/${list}/export`, { token: 'admin' });
      const rows = exported.text.trim().split('\r\n').length - 1;
      const before = await h.raw(list).find({}).sort({ _id: 1 }).toArray();
      const again = await upload(list, exported.text);
      assert.deepEqual(again.json, { created: 0, updated: 0, unchanged: rows }, `${list}: ${again.text}`);
      assert.deepEqual(
        await h.raw(list).find({}).sort({ _id: 1 }).toArray(),
        before,
        `${list}: updatedAt too`,
      );
    }
    const edited = await upload('contacts', 'number,kind,name\nCT930001,company,Tailwind Traders\n');
    assert.deepEqual(edited.json, { created: 0, updated: 1, unchanged: 0 }, 'a blank email is a change');
  });
});
