// Salespeople: list/search (everyone signed in as staff), create/update, binding to an Entra ID user and CSV
// export/import (admins).
import { adminApiRoutes } from '../../../shared/api/routes.js';
import {
  ConfirmSignInRequest,
  CreateSalespersonRequest,
  Salesperson,
  SalespersonList,
  SalespersonListQuery,
  UpdateSalespersonRequest,
} from '../../../shared/api/salespeople.js';
import type { Services } from '../../services/index.js';
import { csvTransferRoutes } from '../csvRoutes.js';
import { SalespersonCodeParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentSalesperson } from './presenter.js';

export function salespersonRoutes(s: Services): RouteSpec[] {
  return [
    ...csvTransferRoutes(s.transfers, 'salespeople'),
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
      errors: [404, 409],
      async handle({ params, body }) {
        return { body: presentSalesperson(await s.salespeople.update(params.code, body)) };
      },
    }),
    defineRoute({
      name: 'confirmSalespersonSignIn',
      method: 'post',
      path: adminApiRoutes.confirmSalespersonSignIn.path,
      summary:
        "Confirm that the pending sign-in (a verified address that matched) is this salesperson: binds the user's tenant and object id",
      tag: 'salespeople',
      access: 'admin',
      params: SalespersonCodeParams,
      body: ConfirmSignInRequest,
      success: { status: 200, description: 'The salesperson, bound', schema: Salesperson },
      errors: [404, 409],
      async handle({ params, body }) {
        return { body: presentSalesperson(await s.salespeople.confirmSignIn(params.code, body.objectId)) };
      },
    }),
  ];
}
