// POST /lookup: what the task pane shows for one mail item, in one round trip.
import { LookupRequest, LookupResponse } from '../../../shared/api/lookup.js';
import { apiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { presentContactCard } from '../contacts/presenter.js';
import { presentLoggedEntry, presentSummary } from '../interactions/presenter.js';
import { presentOpportunitySummary } from '../opportunities/presenter.js';
import { defineRoute, type RouteSpec } from '../route.js';

export function lookupRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'lookup',
      method: 'post',
      path: apiRoutes.lookup.path,
      summary:
        "Contacts of a mail item's addresses, their latest entries and open opportunities, and whether it is logged",
      tag: 'task pane',
      access: 'staff',
      body: LookupRequest,
      success: { status: 200, description: 'What the pane shows', schema: LookupResponse },
      async handle({ body, caller }) {
        const r = await s.lookup.lookup(caller, body);
        const perContact = <T, U>(m: Map<string, T[]>, f: (x: T) => U) =>
          Object.fromEntries([...m].map(([n, list]) => [n, list.map(f)]));
        return {
          body: {
            contacts: r.contacts.map((c) => presentContactCard(c, r.salespeople)),
            unknownAddresses: r.unknownAddresses,
            recentInteractions: perContact(r.recent, (e) => presentSummary(e, r.salespeople)),
            openOpportunities: perContact(r.open, presentOpportunitySummary),
            logged: { isLogged: r.logged.length > 0, entries: r.logged.map(presentLoggedEntry) },
          },
        };
      },
    }),
  ];
}
