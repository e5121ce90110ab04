// Interaction log entries across contacts for admins (GET /interactions): filters by contact, salesperson,
// direction, days and canceled, newest first, cursor-paged. Cancel and uncancel are the entry routes.
import { AdminInteractionPage, InteractionSearchQuery } from '../../../shared/api/adminViews.js';
import { adminApiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { limitOf } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentAdminInteraction } from './presenter.js';

const DAY_MS = 86_400_000;
/** A calendar day "YYYY-MM-DD" as the UTC instant it starts at. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

export function interactionSearchRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'searchInteractions',
      method: 'get',
      path: adminApiRoutes.searchInteractions.path,
      summary: 'Interaction log entries of every contact, filtered, newest first',
      tag: 'interactions',
      access: 'admin',
      query: InteractionSearchQuery,
      success: { status: 200, description: 'One page', schema: AdminInteractionPage },
      async handle({ query, caller }) {
        const page = await s.adminViews.searchInteractions(caller, {
          contactNumber: query.contactNumber,
          salespersonCode: query.salespersonCode,
          direction: query.direction,
          canceled: query.canceled === undefined ? undefined : query.canceled === 'true',
          from: query.from ? dayStart(query.from) : undefined,
          before: query.to ? new Date(dayStart(query.to).getTime() + DAY_MS) : undefined,
          cursor: query.cursor,
          limit: limitOf(query.limit, 50),
        });
        return {
          body: {
            items: page.items.map((e) => presentAdminInteraction(e, page.contacts, page.salespeople)),
            nextCursor: page.next,
          },
        };
      },
    }),
  ];
}
