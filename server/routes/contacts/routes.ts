// Contacts: list/search, read, create ("Add as contact"), update with alternate addresses, CSV export/import.
import {
  ContactCard,
  ContactDetail,
  ContactListQuery,
  ContactPage,
  CreateContactRequest,
  UpdateContactRequest,
} from '../../../shared/api/contacts.js';
import { adminApiRoutes, apiRoutes } from '../../../shared/api/routes.js';
import type { Contact } from '../../repositories/masterData.js';
import type { Services } from '../../services/index.js';
import { csvTransferRoutes } from '../csvRoutes.js';
import { ContactNumberParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentContactCard, presentContactDetail } from './presenter.js';

export function contactRoutes(s: Services): RouteSpec[] {
  const salespeopleOf = (list: Contact[]) =>
    s.salespeople.byCodes(list.map((c) => c.salespersonCode).filter((c): c is string => c !== null));
  return [
    // The fixed paths come before /contacts/:number.
    ...csvTransferRoutes(s.transfers, 'contacts'),
    defineRoute({
      name: 'contacts',
      method: 'get',
      path: adminApiRoutes.contacts.path,
      summary: 'Contacts by number, or found by address, number or the start of a name',
      tag: 'contacts',
      access: 'staff',
      query: ContactListQuery,
      success: { status: 200, description: 'One page', schema: ContactPage },
      async handle({ query }) {
        const page = await s.contacts.list(query);
        const sp = await salespeopleOf(page.items);
        return { body: { items: page.items.map((c) => presentContactDetail(c, sp)), nextCursor: page.next } };
      },
    }),
    defineRoute({
      name: 'contact',
      method: 'get',
      path: adminApiRoutes.contact.path,
      summary: 'One contact',
      tag: 'contacts',
      access: 'staff',
      params: ContactNumberParams,
      success: { status: 200, description: 'The contact', schema: ContactDetail },
      errors: [404],
      async handle({ params }) {
        const c = await s.contacts.get(params.number);
        return { body: presentContactDetail(c, await salespeopleOf([c])) };
      },
    }),
    defineRoute({
      name: 'createContact',
      method: 'post',
      path: apiRoutes.createContact.path,
      summary: "Add a contact (from a sender); a person's company contact is found by name or created",
      tag: 'contacts',
      access: 'staff',
      body: CreateContactRequest,
      success: { status: 201, description: 'The new contact', schema: ContactCard },
      errors: [409],
      async handle({ body, caller }) {
        const c = await s.contacts.create(body, caller);
        return { body: presentContactCard(c, await salespeopleOf([c])) };
      },
    }),
    defineRoute({
      name: 'updateContact',
      method: 'patch',
      path: adminApiRoutes.updateContact.path,
      summary: 'Change a contact (the privacy block only by an admin)',
      tag: 'contacts',
      access: 'staff',
      params: ContactNumberParams,
      body: UpdateContactRequest,
      success: { status: 200, description: 'The contact', schema: ContactDetail },
      errors: [404, 409],
      async handle({ params, body, caller }) {
        const c = await s.contacts.update(params.number, body, caller);
        return { body: presentContactDetail(c, await salespeopleOf([c])) };
      },
    }),
  ];
}
