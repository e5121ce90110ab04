import assert from 'node:assert/strict';
import type { HandlerContext } from '../../../server/routes/route.js';
import { csvTransferRoutes } from '../../../server/routes/csvRoutes.js';
import type { ImportMode } from '../../../server/services/transfers.js';

// The handlers only read body and query; the rest of the context is never touched.
const ctx = (body: unknown, query: unknown) =>
  ({ body, query }) as unknown as HandlerContext<never, never, never>;

describe('csvTransferRoutes: the CSV export and import pair of a master-data list', () => {
  const imports: [string, ImportMode][] = [];
  const unused = () => Promise.reject(new Error("the contacts' transfers were called"));
  const transfers = {
    exportSalespeople: async () => 'code,name\r\nPH,Peter\r\n',
    importSalespeople: async (csv: string, onError: ImportMode = 'reject') => {
      imports.push([csv, onError]);
      return { created: 1, updated: 0 };
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

  it('imports all or nothing unless onError=skip is asked for', async () => {
    imports.length = 0;
    assert.deepEqual(await importRoute!.handle(ctx('a', {})), { body: { created: 1, updated: 0 } });
    await importRoute!.handle(ctx('b', { onError: 'skip' }));
    assert.deepEqual(imports, [
      ['a', 'reject'],
      ['b', 'skip'],
    ]);
  });
});
