// The CSV export and import routes of the master-data lists (contacts, salespeople). Both lists offer the same
// pair with the same rules (admins only, the import all or nothing unless onError=skip; dryRun=true previews), so the pair is defined
// once. Each route is named like the route table's entry and the TransferService method it calls.
import { adminApiRoutes } from '../../shared/api/routes.js';
import { ImportQuery, ImportReport } from '../../shared/api/salespeople.js';
import type { TransferService } from '../services/transfers.js';
import { CsvBody } from './params.js';
import { defineRoute, type RouteSpec } from './route.js';

const CSV_LISTS = {
  contacts: { exportRoute: 'exportContacts', importRoute: 'importContacts' },
  salespeople: { exportRoute: 'exportSalespeople', importRoute: 'importSalespeople' },
} as const;

/** The list's plural noun: also its OpenAPI tag and the download's file name. */
export type CsvList = keyof typeof CSV_LISTS;

type Transfers = Pick<
  TransferService,
  (typeof CSV_LISTS)[CsvList]['exportRoute'] | (typeof CSV_LISTS)[CsvList]['importRoute']
>;

/** Export, then import. A list with a `GET /:key` route puts these first, so its fixed paths are matched first. */
export function csvTransferRoutes(transfers: Transfers, list: CsvList): RouteSpec[] {
  const { exportRoute, importRoute } = CSV_LISTS[list];
  return [
    defineRoute({
      name: exportRoute,
      method: 'get',
      path: adminApiRoutes[exportRoute].path,
      summary: `All ${list} as CSV`,
      tag: list,
      access: 'admin',
      success: { status: 200, description: 'CSV, header row first', contentType: 'text/csv' },
      async handle() {
        const content = await transfers[exportRoute]();
        return { file: { contentType: 'text/csv; charset=utf-8', filename: `${list}.csv`, content } };
      },
    }),
    defineRoute({
      name: importRoute,
      method: 'post',
      path: adminApiRoutes[importRoute].path,
      summary: `Create or update ${list} from CSV (all or nothing, or with onError=skip the valid rows; problems by line and column; dryRun=true writes nothing and reports what the import would do)`,
      tag: list,
      access: 'admin',
      bodyType: 'csv',
      query: ImportQuery,
      body: CsvBody,
      success: {
        status: 200,
        description: 'What was imported (or, with dryRun, would be)',
        schema: ImportReport,
      },
      errors: [413, 415, 422],
      async handle({ body, query }) {
        const options = { onError: query.onError ?? 'reject', dryRun: query.dryRun === 'true' } as const;
        return { body: await transfers[importRoute](body, options) };
      },
    }),
  ];
}
