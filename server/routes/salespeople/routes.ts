// Salespeople: list/search (everyone signed in as staff), create/update and CSV export/import (admins).
import { adminApiRoutes } from '../../../shared/api/routes.js';
import {
  CreateSalespersonRequest,
  ImportQuery,
  ImportReport,
  Salesperson,
  SalespersonList,
  SalespersonListQuery,
  UpdateSalespersonRequest,
} from '../../../shared/api/salespeople.js';
import type { Services } from '../../services/index.js';
import { CsvBody, SalespersonCodeParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentSalesperson } from './presenter.js';

export function salespersonRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'exportSalespeople',
      method: 'get',
      path: adminApiRoutes.exportSalespeople.path,
      summary: 'All salespeople as CSV',
      tag: 'salespeople',
      access: 'admin',
      success: { status: 200, description: 'CSV, header row first', contentType: 'text/csv' },
      async handle() {
        const content = await s.transfers.exportSalespeople();
        return { file: { contentType: 'text/csv; charset=utf-8', filename: 'salespeople.csv', content } };
      },
    }),
    defineRoute({
      name: 'importSalespeople',
      method: 'post',
      path: adminApiRoutes.importSalespeople.path,
      summary:
        'Create or update salespeople from CSV (all or nothing, or with onError=skip the valid rows; problems by line and column)',
      tag: 'salespeople',
      access: 'admin',
      bodyType: 'csv',
      query: ImportQuery,
      body: CsvBody,
      success: { status: 200, description: 'What was imported', schema: ImportReport },
      errors: [413, 415, 422],
      async handle({ body, query }) {
        return { body: await s.transfers.importSalespeople(body, query.onError ?? 'reject') };
      },
    }),
    defineRoute({
      name: 'salespeople',
      method: 'get',
      path: adminApiRoutes.salespeople.path,
      summary: 'Salespeople by code, optionally those whose code or name starts with `search`',
      tag: 'salespeople',
      access: 'staff',
      query: SalespersonListQuery,
      success: { status: 200, description: 'The salespeople', schema: SalespersonList },
      async handle({ query }) {
        return { body: { items: (await s.salespeople.list(query.search)).map(presentSalesperson) } };
      },
    }),
    defineRoute({
      name: 'createSalesperson',
      method: 'post',
      path: adminApiRoutes.createSalesperson.path,
      summary: 'Add a salesperson',
      tag: 'salespeople',
      access: 'admin',
      body: CreateSalespersonRequest,
      success: { status: 201, description: 'The salesperson', schema: Salesperson },
      errors: [409],
      async handle({ body }) {
        return { body: presentSalesperson(await s.salespeople.create(body)) };
      },
    }),
    defineRoute({
      name: 'updateSalesperson',
      method: 'patch',
      path: adminApiRoutes.updateSalesperson.path,
      summary: 'Change a salesperson (name, address, active)',
      tag: 'salespeople',
      access: 'admin',
      params: SalespersonCodeParams,
      body: UpdateSalespersonRequest,
      success: { status: 200, description: 'The salesperson', schema: Salesperson },
      errors: [404],
      async handle({ params, body }) {
        return { body: presentSalesperson(await s.salespeople.update(params.code, body)) };
      },
    }),
  ];
}
